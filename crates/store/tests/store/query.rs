//! Dyad series by period.

use dyad_store::{Aggregation, DyadQuery, Period, Store};

use crate::common::{article, toy_code};

fn store() -> Store {
    let mut s = Store::open_in_memory(Aggregation::default()).unwrap();
    let mut ing = s.ingest(toy_code, 4, 1).unwrap();
    let arts = [
        ("q1", "2023-03-27", "Baku accused Tehran of spying."), // Monday, 112 (quad 3)
        ("q2", "2023-03-31", "Baku praised Tehran for the talks."), // Friday, 051 (quad 1)
        ("q3", "2023-04-01", "Baku shelled Tehran positions."), // Saturday, 195 (quad 4)
        ("q4", "2023-04-03", "Baku aided Tehran after floods."), // next Monday, 070 (quad 2)
        ("q5", "2023-04-03", "Tehran accused Baku in reply."),  // other direction
        ("q6", "2023-04-04", "Moscow accused Yerevan."),        // other dyad
    ];
    for (id, d, t) in arts {
        ing.push(article(id, d, "Wire A", t)).unwrap();
    }
    ing.finish().unwrap();
    s
}

#[test]
fn weekly_and_monthly_counts_by_quad_class_with_mean_goldstein() {
    let s = store();
    let g = |c: &str| f64::from(dyad_lexicon::event_info(c).unwrap().goldstein);
    let r = |x: f64| (x * 10.0).round() / 10.0;
    let q = DyadQuery::parse_dyad("aze:IRN", Period::Week).unwrap();
    let rows = s.dyad_series(&q).unwrap();
    let got: Vec<(String, u64, [u64; 4])> =
        rows.iter().map(|r| (r.period.clone(), r.events, r.quad)).collect();
    assert_eq!(
        got,
        [("2023-03-27".into(), 3, [1, 0, 1, 1]), ("2023-04-03".into(), 1, [0, 1, 0, 0])]
    );
    let want = (r(g("112")) + r(g("051")) + r(g("195"))) / 3.0;
    assert!((rows[0].goldstein_mean.unwrap() - want).abs() < 1e-9);
    let mut q = DyadQuery::parse_dyad("AZE:IRN", Period::Month).unwrap();
    q.undirected = true;
    let rows = s.dyad_series(&q).unwrap();
    let got: Vec<(String, u64, [u64; 4])> =
        rows.iter().map(|r| (r.period.clone(), r.events, r.quad)).collect();
    assert_eq!(got, [("2023-03".into(), 2, [1, 0, 1, 0]), ("2023-04".into(), 3, [0, 1, 1, 1])]);
    q.from = dyad_types::Date::parse("2023-04-02");
    assert_eq!(s.dyad_series(&q).unwrap().iter().map(|r| r.events).sum::<u64>(), 2);
    assert!(DyadQuery::parse_dyad("AZE", Period::Day).is_err());
    assert!(DyadQuery::parse_dyad(":IRN", Period::Day).is_err());
}
