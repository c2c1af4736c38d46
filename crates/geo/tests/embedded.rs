//! The embedded gazetteer: it loads, and well-known places resolve.

use dyad_geo::{Gazetteer, PlaceKind};

fn g() -> &'static Gazetteer {
    Gazetteer::global().expect("embedded gazetteer loads")
}

#[test]
fn loads_every_city_and_country() {
    let g = g();
    // 34,006 GeoNames cities, 252 countries, plus lexicon regions.
    assert!(g.len() > 34_000 + 250, "{}", g.len());
    assert!(g.names() > 80_000, "{}", g.names());
    assert!(g.country("IRN").is_some() && g.country("KSV").is_some());
}

/// (name as written, context countries, expected name, country, lat, lon)
type Case = (&'static str, &'static [&'static str], &'static str, &'static str, f64, f64);

#[test]
fn cities_resolve_with_coordinates() {
    let cases: &[Case] = &[
        ("Paris", &[], "Paris", "FRA", 48.85, 2.35),
        ("Paris", &["USA"], "Paris", "FRA", 48.85, 2.35),
        ("Kharkiv", &[], "Kharkiv", "UKR", 49.98, 36.25),
        ("Kharkov", &[], "Kharkiv", "UKR", 49.98, 36.25),
        ("BAKU", &[], "Baku", "AZE", 40.38, 49.89),
        // An alternate name ("Bakou") reaches the city; "Baki" would not, as
        // Baki, Indonesia is a city of that very name.
        ("Bakou", &[], "Baku", "AZE", 40.38, 49.89),
        ("Kiev", &[], "Kyiv", "UKR", 50.45, 30.52),
        ("Teheran", &[], "Tehran", "IRN", 35.69, 51.42),
        ("St. Petersburg", &[], "Saint Petersburg", "RUS", 59.94, 30.31),
        ("Tripoli", &[], "Tripoli", "LBY", 32.89, 13.19),
        ("Tripoli", &["LBN"], "Tripoli", "LBN", 34.44, 35.85),
        ("ISLAMABAD", &[], "Islamabad", "PAK", 33.72, 73.04),
        ("NEW DELHI", &[], "New Delhi", "IND", 28.64, 77.22),
        ("New York", &["USA"], "New York City", "USA", 40.71, -74.01),
    ];
    for &(name, prefer, want, country, lat, lon) in cases {
        let e = g().resolve(name, prefer).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!((e.name(), e.country(), e.kind()), (want, country, PlaceKind::City), "{name}");
        let (la, lo) = e.coords().unwrap();
        assert!((la - lat).abs() < 0.05 && (lo - lon).abs() < 0.05, "{name}: {la},{lo}");
    }
}

#[test]
fn countries_resolve_to_their_code_and_capital() {
    let iran = g().resolve("Iran", &[]).unwrap();
    assert_eq!((iran.kind(), iran.country()), (PlaceKind::Country, "IRN"));
    let (lat, lon) = iran.coords().unwrap();
    assert!((lat - 35.69).abs() < 0.1 && (lon - 51.42).abs() < 0.1, "Tehran's coordinates");
    for (name, code) in [
        ("Azerbaijan", "AZE"),
        ("United States", "USA"),
        ("Britain", "GBR"),
        ("Russia", "RUS"),
        ("South Korea", "KOR"),
        ("Romania", "ROU"),
    ] {
        let e = g().resolve(name, &[]).unwrap_or_else(|| panic!("{name}"));
        assert_eq!((e.country(), e.kind()), (code, PlaceKind::Country), "{name}");
    }
    // Regions from the lexicon: their country, no coordinates.
    let crimea = g().resolve("Crimea", &[]).unwrap();
    assert_eq!((crimea.country(), crimea.coords()), ("UKR", None));
    assert_eq!(g().resolve("Middle East", &[]).unwrap().country(), "MEA");
    // Demonyms are not places.
    assert!(g().resolve("Iranian", &[]).is_none());
    assert!(g().resolve("French", &[]).is_none());
}
