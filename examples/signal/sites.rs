//! The analysed sites kept in a file, so that training again with other settings skips the
//! analysis (the slow part). The file is a cache of this machine's run, never committed.
//!
//! Format (little-endian): the magic `OVSITES1`, then for the training data and then the
//! held-out data, for each task: the number of sites (u64), and per site the written
//! choices (u16), the number of features (u16) and the features (u32 each).

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use super::train::Data;

const MAGIC: &[u8; 8] = b"OVSITES1";

pub fn write(path: &Path, training: &[Data], held: &[Data]) -> Result<(), String> {
    let context = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut out = BufWriter::new(std::fs::File::create(path).map_err(context)?);
    out.write_all(MAGIC).map_err(context)?;
    for data in training.iter().chain(held) {
        out.write_all(&(data.len() as u64).to_le_bytes())
            .map_err(context)?;
        for i in 0..data.len() {
            let (features, written) = data.site(i);
            out.write_all(&written.to_le_bytes()).map_err(context)?;
            out.write_all(&(features.len() as u16).to_le_bytes())
                .map_err(context)?;
            for f in features {
                out.write_all(&f.to_le_bytes()).map_err(context)?;
            }
        }
    }
    out.flush().map_err(context)
}

pub fn read(path: &Path) -> Result<(Vec<Data>, Vec<Data>), String> {
    let context = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut input = BufReader::new(std::fs::File::open(path).map_err(context)?);
    let mut magic = [0u8; 8];
    input.read_exact(&mut magic).map_err(context)?;
    if &magic != MAGIC {
        return Err(format!("{}: not a sites file", path.display()));
    }
    let mut all = Vec::new();
    for _ in 0..6 {
        let mut data = Data::default();
        let mut n = [0u8; 8];
        input.read_exact(&mut n).map_err(context)?;
        let mut features = Vec::new();
        for _ in 0..u64::from_le_bytes(n) {
            let mut head = [0u8; 4];
            input.read_exact(&mut head).map_err(context)?;
            let written = u16::from_le_bytes([head[0], head[1]]);
            let count = usize::from(u16::from_le_bytes([head[2], head[3]]));
            let mut bytes = vec![0u8; count * 4];
            input.read_exact(&mut bytes).map_err(context)?;
            features.clear();
            features.extend(
                bytes
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
            data.push_raw(&features, written);
        }
        all.push(data);
    }
    let held = all.split_off(3);
    Ok((all, held))
}
