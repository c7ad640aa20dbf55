//! Medians with their spread.

use serde_json::{json, Value};

/// The median, min and max of `n` samples.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub n: usize,
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    /// Summarises `samples` (at least one).
    pub fn of(samples: &[f64]) -> Summary {
        // + 0.0 turns an empty float sum's -0 into 0.
        let mut sorted: Vec<f64> = samples.iter().map(|x| x + 0.0).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        assert!(n > 0, "no samples");
        Summary { n, median: (sorted[(n - 1) / 2] + sorted[n / 2]) / 2.0, min: sorted[0], max: sorted[n - 1] }
    }

    pub fn json(&self) -> Value {
        json!({ "n": self.n, "median": self.median, "min": self.min, "max": self.max })
    }

    /// `median (min–max)` with `digits` decimals.
    pub fn show(&self, digits: usize) -> String {
        format!("{:.digits$} ({:.digits$}–{:.digits$})", self.median, self.min, self.max)
    }
}

/// `ours / reference` as `×1.23`, or `–` when the reference is 0.
pub fn ratio(ours: f64, reference: f64) -> String {
    if reference == 0.0 {
        "–".into()
    } else {
        format!("×{:.2}", ours / reference)
    }
}
