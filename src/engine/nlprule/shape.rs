//! A rule's public serde form, read into a small tree: the only view of nlprule's rules that
//! the rule index ([`super::needs`]) has, since the crate keeps their fields private.
//!
//! [`Shape::of`] runs a value's `Serialize` implementation against a serializer of ours that
//! keeps only the struct fields named in [`READ`] (a rule's token pattern) and skips the rest
//! (examples, messages, antipatterns, tag masks) without visiting them: the whole form of the
//! 3,749 English rules would cost a second to build at every start, the pattern alone a few
//! milliseconds. Maps are never read. What the tree holds is exactly what the serializer was
//! given, so a reader that finds a field missing or of another kind must treat the rule as one
//! it cannot reason about.

use std::fmt;

use serde::Serialize;
use serde::ser;

/// The struct fields kept: those of a rule's engine, its token pattern and the pattern's
/// atoms and matchers. Every other field is skipped unseen.
const READ: &[&str] = &[
    "engine",
    "composition",
    "parts",
    "can_stop_mask",
    "atom",
    "atoms",
    "quantifier",
    "min",
    "matcher",
    "inflect_matcher",
    "negate",
];

/// A serialized value, as far as it was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// `None`, `()`, a unit struct.
    Null,
    Bool(bool),
    Int(i128),
    Str(String),
    /// A sequence or tuple.
    Seq(Vec<Shape>),
    /// A struct's kept fields.
    Struct(Vec<(&'static str, Shape)>),
    /// An enum variant with its content (`Null` for a unit variant).
    Variant(&'static str, Box<Shape>),
    /// A value not read: a map, a float, bytes.
    Unread,
}

impl Shape {
    /// The shape of `value`, or `None` when its `Serialize` implementation reports an error.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Option<Shape> {
        value.serialize(Reader).ok()
    }

    /// A struct's field, if it was kept.
    pub fn field(&self, name: &str) -> Option<&Shape> {
        match self {
            Shape::Struct(fields) => fields.iter().find(|(n, _)| *n == name).map(|(_, s)| s),
            _ => None,
        }
    }

    /// The variant's name and content, for an enum value.
    pub fn variant(&self) -> Option<(&'static str, &Shape)> {
        match self {
            Shape::Variant(name, content) => Some((name, content)),
            _ => None,
        }
    }

    pub fn seq(&self) -> Option<&[Shape]> {
        match self {
            Shape::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match self {
            Shape::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn int(&self) -> Option<i128> {
        match self {
            Shape::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            Shape::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a value could not be read (only a `Serialize` implementation's own error).
#[derive(Debug)]
pub struct Unreadable(String);

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

impl ser::Error for Unreadable {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unreadable(msg.to_string())
    }
}

struct Reader;

/// A sequence, tuple, struct or variant being read; `variant` wraps the result.
struct Compound {
    variant: Option<&'static str>,
    items: Vec<Shape>,
    fields: Vec<(&'static str, Shape)>,
    is_struct: bool,
}

impl Compound {
    fn new(variant: Option<&'static str>, is_struct: bool, len: usize) -> Compound {
        Compound {
            variant,
            items: Vec::with_capacity(if is_struct { 0 } else { len }),
            fields: Vec::new(),
            is_struct,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
        self.items.push(value.serialize(Reader)?);
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unreadable> {
        if READ.contains(&key) {
            self.fields.push((key, value.serialize(Reader)?));
        }
        Ok(())
    }

    fn finish(self) -> Result<Shape, Unreadable> {
        let shape = if self.is_struct {
            Shape::Struct(self.fields)
        } else {
            Shape::Seq(self.items)
        };
        Ok(match self.variant {
            Some(name) => Shape::Variant(name, Box::new(shape)),
            None => shape,
        })
    }
}

/// A map, whose entries are not read.
struct SkippedMap;

/// The serializer methods of integer types, all read as [`Shape::Int`].
macro_rules! integers {
    ($($method:ident: $type:ty,)*) => {
        $(fn $method(self, v: $type) -> Result<Shape, Unreadable> {
            Ok(Shape::Int(v.into()))
        })*
    };
}

impl ser::Serializer for Reader {
    type Ok = Shape;
    type Error = Unreadable;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = SkippedMap;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    fn serialize_bool(self, v: bool) -> Result<Shape, Unreadable> {
        Ok(Shape::Bool(v))
    }
    integers! {
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
    }
    fn serialize_f32(self, _: f32) -> Result<Shape, Unreadable> {
        Ok(Shape::Unread)
    }
    fn serialize_f64(self, _: f64) -> Result<Shape, Unreadable> {
        Ok(Shape::Unread)
    }
    fn serialize_char(self, v: char) -> Result<Shape, Unreadable> {
        Ok(Shape::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Shape, Unreadable> {
        Ok(Shape::Str(v.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Shape, Unreadable> {
        Ok(Shape::Unread)
    }
    fn serialize_none(self) -> Result<Shape, Unreadable> {
        Ok(Shape::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Shape, Unreadable> {
        value.serialize(Reader)
    }
    fn serialize_unit(self) -> Result<Shape, Unreadable> {
        Ok(Shape::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Shape, Unreadable> {
        Ok(Shape::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Shape, Unreadable> {
        Ok(Shape::Variant(variant, Box::new(Shape::Null)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Shape, Unreadable> {
        value.serialize(Reader)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Shape, Unreadable> {
        Ok(Shape::Variant(variant, Box::new(value.serialize(Reader)?)))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound, Unreadable> {
        Ok(Compound::new(None, false, len.unwrap_or(0)))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound, Unreadable> {
        Ok(Compound::new(None, false, len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound, Unreadable> {
        Ok(Compound::new(None, false, len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound, Unreadable> {
        Ok(Compound::new(Some(variant), false, len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<SkippedMap, Unreadable> {
        Ok(SkippedMap)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound, Unreadable> {
        Ok(Compound::new(None, true, len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound, Unreadable> {
        Ok(Compound::new(Some(variant), true, len))
    }
}

/// The compounds whose items are read in order, without names.
macro_rules! ordered {
    ($($trait:ident::$method:ident),*) => {
        $(impl ser::$trait for Compound {
            type Ok = Shape;
            type Error = Unreadable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unreadable> {
                self.push(value)
            }
            fn end(self) -> Result<Shape, Unreadable> {
                self.finish()
            }
        })*
    };
}

ordered!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The compounds whose fields are read by name.
macro_rules! named {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Compound {
            type Ok = Shape;
            type Error = Unreadable;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unreadable> {
                self.field(key, value)
            }
            fn end(self) -> Result<Shape, Unreadable> {
                self.finish()
            }
        })*
    };
}

named!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for SkippedMap {
    type Ok = Shape;
    type Error = Unreadable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Unreadable> {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Unreadable> {
        Ok(())
    }
    fn end(self) -> Result<Shape, Unreadable> {
        Ok(Shape::Unread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Part {
        atom: Atom,
        examples: Vec<String>,
        quantifier: (u8, u8),
    }

    #[derive(Serialize)]
    enum Atom {
        Text {
            negate: bool,
            matcher: Option<String>,
        },
        True,
    }

    #[test]
    fn keeps_pattern_fields_and_skips_the_rest() {
        let part = Part {
            atom: Atom::Text {
                negate: false,
                matcher: Some("the".into()),
            },
            examples: vec!["never read".into()],
            quantifier: (1, 1),
        };
        let shape = Shape::of(&part).unwrap();
        let (name, text) = shape.field("atom").unwrap().variant().unwrap();
        assert_eq!(name, "Text");
        assert_eq!(text.field("negate").unwrap().bool(), Some(false));
        assert_eq!(text.field("matcher").unwrap().str(), Some("the"));
        assert!(shape.field("examples").is_none(), "skipped unseen");
        assert_eq!(
            shape.field("quantifier").unwrap().seq().unwrap()[0].int(),
            Some(1)
        );
        let unit = Shape::of(&Atom::True).unwrap();
        assert_eq!(unit.variant(), Some(("True", &Shape::Null)));
    }
}
