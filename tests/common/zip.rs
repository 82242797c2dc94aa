//! A zip archive of stored (uncompressed) entries: what Go's module proxy
//! serves for `golang.org/toolchain` (the tests' offline proxies). Go reads
//! it with archive/zip and checks each entry's CRC-32.

/// The archive of `entries` (name, data), in order.
pub fn stored_zip<N: AsRef<str>, D: AsRef<[u8]>>(entries: &[(N, D)]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    let le16 =
        |v: &mut Vec<u8>, x: usize| v.extend_from_slice(&u16::try_from(x).unwrap().to_le_bytes());
    let le32 =
        |v: &mut Vec<u8>, x: usize| v.extend_from_slice(&u32::try_from(x).unwrap().to_le_bytes());
    for (name, data) in entries {
        let (name, data) = (name.as_ref().as_bytes(), data.as_ref());
        let (crc, size, offset) = (crc32(data) as usize, data.len(), out.len());
        le32(&mut out, 0x0403_4b50);
        for x in [20, 0, 0, 0, 0x21] {
            le16(&mut out, x); // version, flags, stored, time, date
        }
        for x in [crc, size, size] {
            le32(&mut out, x);
        }
        le16(&mut out, name.len());
        le16(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(data);

        le32(&mut central, 0x0201_4b50);
        for x in [20, 20, 0, 0, 0, 0x21] {
            le16(&mut central, x);
        }
        for x in [crc, size, size] {
            le32(&mut central, x);
        }
        for x in [name.len(), 0, 0, 0, 0] {
            le16(&mut central, x); // name, extra, comment, disk, internal attrs
        }
        le32(&mut central, 0); // external attrs
        le32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let (cd_offset, cd_size) = (out.len(), central.len());
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    for x in [0, 0, entries.len(), entries.len()] {
        le16(&mut out, x);
    }
    le32(&mut out, cd_size);
    le32(&mut out, cd_offset);
    le16(&mut out, 0);
    out
}

/// CRC-32 (IEEE), as zip entries carry it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    let mut c = !0u32;
    for &b in data {
        c = table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}
