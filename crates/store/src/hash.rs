//! Small non-cryptographic hashes: content hashes for idempotent ingest,
//! stable event ids, and the seeded hash family MinHash needs.

/// FNV-1a over bytes, continuing from `h`.
pub(crate) fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The FNV-1a offset basis.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// A strong 64-bit mixer (splitmix64's finaliser): spreads every input bit
/// over the output, so `mix(x ^ seed)` gives independent-looking hash
/// functions for different seeds.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 128-bit content hash as 32 hex digits: two independent 64-bit hashes
/// (FNV-1a, and a mixed running hash over 8-byte words). 128 bits keep the
/// chance of two different articles colliding negligible at any corpus size
/// a single machine stores.
pub fn content_hash(text: &str) -> String {
    let b = text.as_bytes();
    let a = mix(fnv1a(FNV_OFFSET, b) ^ b.len() as u64);
    let mut h2: u64 = 0x9e37_79b9_7f4a_7c15 ^ (b.len() as u64);
    for chunk in b.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h2 = mix(h2 ^ u64::from_le_bytes(w)).rotate_left(23);
    }
    format!("{a:016x}{:016x}", mix(h2))
}

/// A stable id from parts (FNV-1a with separators), as 16 hex digits.
pub(crate) fn stable_id(parts: &[&str]) -> String {
    let mut h = FNV_OFFSET;
    for p in parts {
        h = fnv1a(h, p.as_bytes());
        h = fnv1a(h, &[0xff]);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_separates_close_texts() {
        let a = content_hash("Baku accused Tehran.");
        assert_eq!(a.len(), 32);
        assert_eq!(a, content_hash("Baku accused Tehran."));
        assert_ne!(a, content_hash("Baku accused Tehran!"));
        assert_ne!(a, content_hash("Baku accused Tehran. "));
        assert_ne!(content_hash(""), content_hash("\0"));
    }

    #[test]
    fn stable_id_depends_on_boundaries() {
        assert_ne!(stable_id(&["ab", "c"]), stable_id(&["a", "bc"]));
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
    }
}
