//! Learning the weights: multinomial logistic regression over hashed features, by averaged
//! stochastic gradient descent, one model per task.
//!
//! A verb's written form can stand for several classes (`put` is base, past and
//! participle); such a site is learned with a partial label: the model is pushed to put its
//! probability on the set of classes the written word can be, not on one of them. Averaging
//! the weights over all steps smooths the last steps' noise, which matters more here than a
//! tuned learning rate: the checker acts only on very confident predictions.

use ownvoice::engine::signal::features::Site;
use ownvoice::engine::signal::model::softmax;

/// The sites of one task, packed.
#[derive(Default)]
pub struct Data {
    pub features: Vec<u32>,
    /// Where each site's features start in `features`; one more entry than sites.
    pub starts: Vec<usize>,
    pub written: Vec<u16>,
}

impl Data {
    pub fn push(&mut self, site: &Site) {
        self.push_raw(&site.features, site.written);
    }

    pub fn push_raw(&mut self, features: &[u32], written: u16) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.features.extend(features);
        self.starts.push(self.features.len());
        self.written.push(written);
    }

    pub fn len(&self) -> usize {
        self.written.len()
    }

    pub fn site(&self, i: usize) -> (&[u32], u16) {
        (
            &self.features[self.starts[i]..self.starts[i + 1]],
            self.written[i],
        )
    }
}

/// A small, fixed pseudo-random sequence: the same data gives the same model.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn scores(weights: &[f32], choices: usize, features: &[u32]) -> Vec<f32> {
    let mut scores = vec![0f32; choices];
    for &f in features {
        let row = &weights[f as usize * choices..(f as usize + 1) * choices];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += w;
        }
    }
    scores
}

/// The probabilities a weight table gives one site.
pub fn predict(weights: &[f32], choices: usize, features: &[u32]) -> Vec<f32> {
    softmax(scores(weights, choices, features))
}

/// Trains one task's weights (`2^bits × choices`).
pub fn train(data: &Data, choices: usize, bits: u32, epochs: usize, rate: f32) -> Vec<f32> {
    let size = (1usize << bits) * choices;
    let mut weights = vec![0f32; size];
    // Averaging: `sum` holds each update times the step it happened at.
    let mut sum = vec![0f32; size];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut step = 1f32;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let mut loss = 0f64;
        for &i in &order {
            let (features, written) = data.site(i);
            let p = predict(&weights, choices, features);
            let mass: f32 = (0..choices)
                .filter(|c| written & (1 << c) != 0)
                .map(|c| p[c])
                .sum();
            loss -= f64::from(mass.max(1e-9)).ln();
            let eta = rate / (1.0 + epoch as f32);
            for (c, &pc) in p.iter().enumerate() {
                let target = if written & (1 << c) != 0 {
                    pc / mass.max(1e-9)
                } else {
                    0.0
                };
                let gradient = pc - target;
                if gradient.abs() < 1e-6 {
                    continue;
                }
                for &f in features {
                    let at = f as usize * choices + c;
                    weights[at] -= eta * gradient;
                    sum[at] -= step * eta * gradient;
                }
            }
            step += 1.0;
        }
        eprintln!(
            "  epoch {}: mean loss {:.4}",
            epoch + 1,
            loss / data.len().max(1) as f64
        );
    }
    weights
        .iter()
        .zip(&sum)
        .map(|(w, s)| w - s / step)
        .collect()
}
