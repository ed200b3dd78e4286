//! The signal's model: for each task (articles, prepositions, verb forms), one weight per
//! hashed feature and choice, as learned by `examples/signal` from native prose.
//!
//! Format of `data/signal.bin` (little-endian): the magic bytes `OVSIG1`, the number of bits
//! of a feature hash, then per task in [`super::features::TASKS`] order: its number of
//! choices (one byte), a scale (f32) and `2^bits × choices` weights as signed bytes, row by
//! row (one row per feature hash). A weight is `byte × scale`. The table is read in place
//! from the bytes built into the binary: loading costs nothing, and the file is checked once
//! (size and magic) so that a damaged model is an error, never a panic.

use super::features::{TASKS, Task};

/// The magic bytes that start a model file.
pub const MAGIC: &[u8; 6] = b"OVSIG1";

/// One task's weights.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    pub choices: usize,
    pub scale: f32,
    /// `rows × choices` signed bytes.
    weights: &'a [u8],
}

/// A model read from bytes.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    pub bits: u32,
    tables: Vec<Table<'a>>,
}

impl<'a> Model<'a> {
    /// Reads a model; an error says what is wrong with the bytes.
    pub fn read(bytes: &'a [u8]) -> Result<Model<'a>, String> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a signal model (wrong magic bytes)")?;
        let (&bits, mut rest) = rest.split_first().ok_or("the model ends early")?;
        if !(8..=24).contains(&bits) {
            return Err(format!("the model has {bits} hash bits, expected 8 to 24"));
        }
        let rows = 1usize << bits;
        let mut tables = Vec::with_capacity(TASKS.len());
        for task in TASKS {
            let (&choices, after) = rest.split_first().ok_or("the model ends early")?;
            let choices = usize::from(choices);
            if choices != task.choices().len() {
                return Err(format!(
                    "the model has {choices} choices for {task:?}, expected {}",
                    task.choices().len()
                ));
            }
            let scale = after
                .get(..4)
                .ok_or("the model ends early")?
                .try_into()
                .map(f32::from_le_bytes)
                .map_err(|_| "the model ends early")?;
            let size = rows * choices;
            let weights = after.get(4..4 + size).ok_or("the model ends early")?;
            tables.push(Table {
                choices,
                scale,
                weights,
            });
            rest = &after[4 + size..];
        }
        if !rest.is_empty() {
            return Err("the model has bytes after its last table".into());
        }
        Ok(Model {
            bits: u32::from(bits),
            tables,
        })
    }

    /// The probability of each choice of `task` given the features of one place.
    pub fn probabilities(&self, task: Task, features: &[u32]) -> Vec<f32> {
        let table = &self.tables[task as usize];
        let mut scores = vec![0f32; table.choices];
        for &feature in features {
            let row = feature as usize * table.choices;
            for (score, &weight) in scores
                .iter_mut()
                .zip(&table.weights[row..row + table.choices])
            {
                *score += f32::from(weight as i8);
            }
        }
        softmax(scores.iter().map(|s| s * table.scale).collect())
    }
}

/// Probabilities from scores (the largest score is subtracted first, so nothing overflows).
pub fn softmax(mut scores: Vec<f32>) -> Vec<f32> {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for score in &mut scores {
        *score = (*score - max).exp();
        sum += *score;
    }
    for score in &mut scores {
        *score /= sum;
    }
    scores
}

/// Writes a model from full-precision weights (one `rows × choices` vector per task, in
/// [`TASKS`] order), each task quantized to signed bytes with its own scale. The scale
/// keeps the 99.99th percentile of the weights' sizes in range and clamps the rest, so that
/// a few extreme weights do not cost the resolution of all the others.
pub fn write(bits: u32, weights: &[Vec<f32>]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(bits as u8);
    for (task, weights) in TASKS.iter().zip(weights) {
        let mut sizes: Vec<f32> = weights
            .iter()
            .map(|w| w.abs())
            .filter(|w| *w > 0.0)
            .collect();
        sizes.sort_by(f32::total_cmp);
        let top = sizes
            .get(sizes.len().saturating_sub(1 + sizes.len() / 10_000))
            .copied()
            .unwrap_or(1.0)
            .max(1e-6);
        let scale = top / 127.0;
        out.push(task.choices().len() as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend(
            weights
                .iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_reads_back_with_its_weights() {
        let bits = 8;
        let weights: Vec<Vec<f32>> = TASKS
            .iter()
            .map(|task| {
                let mut w = vec![0.0; (1 << bits) * task.choices().len()];
                w[3 * task.choices().len() + 1] = 2.0;
                w
            })
            .collect();
        let bytes = write(bits, &weights);
        let model = Model::read(&bytes).unwrap();
        let p = model.probabilities(Task::Article, &[3]);
        assert!(p[1] > 0.7 && p[0] < 0.15, "{p:?}");
        let p = model.probabilities(Task::Article, &[4]);
        assert!(
            (p[0] - p[1]).abs() < 1e-6,
            "an unseen feature says nothing: {p:?}"
        );
    }

    #[test]
    fn damaged_models_are_errors() {
        assert!(Model::read(b"").is_err());
        assert!(Model::read(b"OVSIG1").is_err());
        assert!(Model::read(b"XXXXXX\x08").is_err());
        let weights: Vec<Vec<f32>> = TASKS
            .iter()
            .map(|task| vec![0.0; 256 * task.choices().len()])
            .collect();
        let mut bytes = write(8, &weights);
        assert!(Model::read(&bytes).is_ok());
        bytes.pop();
        assert!(Model::read(&bytes).unwrap_err().contains("ends early"));
        bytes.extend([0, 0]);
        assert!(
            Model::read(&bytes)
                .unwrap_err()
                .contains("after its last table")
        );
    }
}
