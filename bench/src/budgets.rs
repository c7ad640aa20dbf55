//! The bench's budgets: each a limit on one figure of the run and its
//! verdict. They set the exit status; `report` only renders them.

use crate::vitals::SLOWDOWN;

/// Total gzip of what the loader fetches (KiB), and the aim.
pub const GZIP_KIB: f64 = 106.0;
pub const GZIP_TARGET_KIB: f64 = 100.0;
/// First headline, cold, three origins, loopback (× reference), and the goal.
pub const FIRST: f64 = 1.4;
pub const FIRST_GOAL: f64 = 1.25;
/// A repeat view with a fresh feed (× the reference's repeat view): on
/// broadband, and on Slow 4G with 4× CPU; the goal for both.
pub const REPEAT_BROADBAND: f64 = 0.8;
pub const REPEAT_SLOW: f64 = 0.6;
pub const REPEAT_GOAL: f64 = 0.5;
/// 1 MB feed refresh (× reference).
pub const BIG_REFRESH: f64 = 1.5;
/// Memory ours adds over 1,000 refreshes that each replace a headline (KiB).
pub const MEMORY_KIB: f64 = 64.0;
/// A phase's CLS passes when it shows as 0.00.
pub const CLS: f64 = 0.005;
/// The longest main-thread task of the widget's (ms): the limit where the
/// reference's own longest does not set it, and the goal where it does.
pub const TASK_MS: f64 = 50.0;

/// What bounds ours' longest task in a phase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TaskLimit {
    /// [`TASK_MS`].
    Fixed,
    /// The reference's own longest in the same run (the goal: [`TASK_MS`]).
    Reference,
}

/// Ours' longest task in one phase at 4× CPU (median ms), and the
/// reference's when that is the limit.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskFigure {
    pub phase: String,
    pub longest: f64,
    pub limit: Option<f64>,
}

impl TaskFigure {
    /// The longest task ours may run in this phase (ms).
    pub fn limit_ms(&self) -> f64 {
        self.limit.unwrap_or(TASK_MS)
    }

    /// The limit, in words.
    pub fn limit_text(&self) -> String {
        match self.limit {
            None => format!("≤ {TASK_MS} ms"),
            Some(reference) => format!("≤ the reference's {reference:.0} ms (goal {TASK_MS})"),
        }
    }
}

/// Which figure of [`Figures`] a budget judges (an index into its list for
/// the repeat views, layout shifts and long tasks).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    Gzip,
    First,
    BigRefresh,
    UnchangedRecords,
    Memory,
    Repeat(usize),
    Shift(usize),
    Task(usize),
    Bridge,
}

/// One budget and whether it held.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub figure: Figure,
    pub name: String,
    pub limit: String,
    pub measured: String,
    pub pass: bool,
}

/// Ours against the reference, measured side by side (ms).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratio {
    pub ours: f64,
    pub reference: f64,
}

impl Ratio {
    /// `ours / reference`.
    pub fn value(self) -> f64 {
        self.ours / self.reference
    }
}

/// The figures of one run that budgets judge.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub gzip_kib: f64,
    pub first: Ratio,
    pub big_refresh: Ratio,
    /// Mutation records of an unchanged feed's refresh (max).
    pub unchanged_records: f64,
    /// Ours' memory growth less the reference's (KiB).
    pub growth_kib: f64,
    /// Repeat views with a fresh feed: (what, on a slow phone, ratio).
    pub repeats: Vec<(String, bool, Ratio)>,
    /// Layout shifts: (phase, worst CLS, pages).
    pub shifts: Vec<(String, f64, usize)>,
    /// Longest tasks at 4× CPU.
    pub tasks: Vec<TaskFigure>,
    /// The bridge under load: (errors, requests), or why it was not measured.
    pub bridge: Result<(u64, u64), String>,
}

/// The repeat-view limit (× the reference's repeat view).
pub fn repeat_limit(slow: bool) -> f64 {
    if slow {
        REPEAT_SLOW
    } else {
        REPEAT_BROADBAND
    }
}

/// Every budget's verdict on `f`.
pub fn judge(f: &Figures) -> Vec<Budget> {
    let budget = |figure: Figure, name: String, limit: String, measured: String, pass: bool| Budget {
        figure,
        name,
        limit,
        measured,
        pass,
    };
    let ratio = |figure: Figure, name: String, limit: f64, r: Ratio, of: &str| {
        let measured = format!("{:.1} ms = ×{:.2} {of}", r.ours, r.value());
        budget(figure, name, format!("≤ {limit} × {of}"), measured, r.value() <= limit)
    };
    let mut budgets = vec![
        budget(
            Figure::Gzip,
            "total gzip of what the loader fetches".into(),
            format!("≤ {GZIP_KIB} KiB"),
            format!("{:.1} KiB", f.gzip_kib),
            f.gzip_kib <= GZIP_KIB,
        ),
        ratio(Figure::First, "first headline, cold, three origins, loopback (median)".into(), FIRST, f.first, "reference"),
        ratio(
            Figure::BigRefresh,
            "1 MB feed refresh, `refresh()` → DOM done (median)".into(),
            BIG_REFRESH,
            f.big_refresh,
            "reference",
        ),
        budget(
            Figure::UnchangedRecords,
            "mutation records, unchanged feed (max)".into(),
            "0".into(),
            format!("{}", f.unchanged_records),
            f.unchanged_records == 0.0,
        ),
        budget(
            Figure::Memory,
            "memory ours adds over 1,000 refreshes that each replace a headline (wasm + JS heap, less the reference's JS heap growth)".into(),
            format!("≤ {MEMORY_KIB} KiB"),
            format!("{:+.1} KiB", f.growth_kib),
            f.growth_kib <= MEMORY_KIB,
        ),
    ];
    for (i, (what, slow, r)) in f.repeats.iter().enumerate() {
        budgets.push(ratio(
            Figure::Repeat(i),
            format!("first headline, {what} (median)"),
            repeat_limit(*slow),
            *r,
            "the reference's repeat view",
        ));
    }
    for (i, (phase, worst, pages)) in f.shifts.iter().enumerate() {
        budgets.push(budget(
            Figure::Shift(i),
            format!("CLS caused by ours, {phase} (max of {pages})"),
            "0.00".into(),
            format!("{worst:.4}"),
            *worst < CLS,
        ));
    }
    for (i, task) in f.tasks.iter().enumerate() {
        budgets.push(budget(
            Figure::Task(i),
            format!("longest main-thread task of ours at {SLOWDOWN}× CPU, {} (median)", task.phase),
            task.limit_text(),
            format!("{:.0} ms", task.longest),
            task.longest <= task.limit_ms(),
        ));
    }
    let (measured, pass) = match &f.bridge {
        Ok((errors, requests)) => (format!("{errors} of {requests}"), *errors == 0),
        Err(error) => (format!("not measured: {error}"), false),
    };
    budgets.push(budget(
        Figure::Bridge,
        "bridge: errors under load (conditional and full)".into(),
        "0".into(),
        measured,
        pass,
    ));
    budgets
}

/// Whether every budget on figures `of` picks held (none: true).
pub fn held(budgets: &[Budget], of: impl Fn(Figure) -> bool) -> bool {
    budgets.iter().filter(|b| of(b.figure)).all(|b| b.pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passing() -> Figures {
        let even = Ratio { ours: 10.0, reference: 10.0 };
        Figures {
            gzip_kib: GZIP_KIB,
            first: Ratio { ours: 14.0, reference: 10.0 },
            big_refresh: Ratio { ours: 15.0, reference: 10.0 },
            unchanged_records: 0.0,
            growth_kib: MEMORY_KIB,
            repeats: vec![
                ("second view, Broadband".into(), false, Ratio { ours: 8.0, ..even }),
                ("second view, Slow 4G".into(), true, Ratio { ours: 6.0, ..even }),
            ],
            shifts: vec![("load".into(), 0.0049, 3)],
            tasks: vec![
                TaskFigure { phase: "first load, 10 items".into(), longest: TASK_MS, limit: None },
                TaskFigure { phase: "first load, 1 MB".into(), longest: 57.0, limit: Some(57.0) },
            ],
            bridge: Ok((0, 1_000)),
        }
    }

    fn failed(f: &Figures) -> Vec<String> {
        judge(f).into_iter().filter(|b| !b.pass).map(|b| b.name).collect()
    }

    #[test]
    fn every_budget_holds_at_its_limit() {
        let budgets = judge(&passing());
        assert_eq!(budgets.len(), 11);
        assert!(budgets.iter().all(|b| b.pass), "{budgets:#?}");
    }

    #[test]
    fn each_budget_fails_just_past_its_limit() {
        type Breaks = fn(&mut Figures);
        let cases: [(&str, Breaks); 11] = [
            ("total gzip", |f| f.gzip_kib += 0.1),
            ("first headline, cold", |f| f.first.ours += 0.1),
            ("1 MB feed refresh", |f| f.big_refresh.ours += 0.1),
            ("mutation records", |f| f.unchanged_records = 1.0),
            ("memory", |f| f.growth_kib += 0.1),
            ("first headline, second view, Broadband", |f| f.repeats[0].2.ours += 0.1),
            ("first headline, second view, Slow 4G", |f| f.repeats[1].2.ours += 0.1),
            ("CLS", |f| f.shifts[0].1 = CLS),
            ("longest main-thread task of ours at 4× CPU, first load, 10 items", |f| f.tasks[0].longest += 1.0),
            ("longest main-thread task of ours at 4× CPU, first load, 1 MB", |f| f.tasks[1].longest += 1.0),
            ("bridge", |f| f.bridge = Ok((1, 1_000))),
        ];
        for (name, break_it) in cases {
            let mut figures = passing();
            break_it(&mut figures);
            let failed = failed(&figures);
            assert!(failed.len() == 1 && failed[0].starts_with(name), "{name}: {failed:?}");
        }
    }

    #[test]
    fn held_reads_the_verdicts_of_the_figures_picked() {
        let mut figures = passing();
        figures.repeats[1].2.ours += 0.1;
        let budgets = judge(&figures);
        assert!(held(&budgets, |f| f == Figure::Repeat(0)));
        assert!(!held(&budgets, |f| f == Figure::Repeat(1)));
        assert!(!held(&budgets, |f| matches!(f, Figure::Repeat(_))));
        assert!(held(&budgets, |f| matches!(f, Figure::Shift(_))));
    }

    #[test]
    fn a_bridge_that_was_not_measured_fails_and_says_why() {
        let figures = Figures { bridge: Err("no port".into()), ..passing() };
        let bridge = judge(&figures).pop().unwrap();
        assert_eq!((bridge.measured.as_str(), bridge.pass), ("not measured: no port", false));
    }

    #[test]
    fn a_ratio_reads_as_ms_and_times_the_reference() {
        let first = &judge(&passing())[1];
        assert_eq!((first.limit.as_str(), first.measured.as_str()), ("≤ 1.4 × reference", "14.0 ms = ×1.40 reference"));
    }
}
