//! Finds the build information embedded in a Go binary (what
//! `runtime.Version()` returns, and what `go version -m <file>` prints)
//! without running it and without reading the whole file; the bytes are
//! decoded by [`crate::go::buildinfo`] (the format is described there).
//!
//! The linker writes its 32-byte header, on a 16-byte boundary, at the start
//! of the `.go.buildinfo` section (ELF), `__go_buildinfo` (Mach-O) or the
//! first writable data section (PE).
//!
//! The pre-1.18 layout (two pointers to Go strings) is not decoded: `None`.
//! Cost: ELF reads the file header, the section header table, the section
//! name table and the header itself (4 small reads); Mach-O and PE read their
//! load commands / section table likewise. Only if those fail (a stripped
//! section table, say) does it scan the first [`SCAN_LIMIT`] bytes.
//! Every offset and size from the file is bounds-checked: truncated or
//! garbage files give `None`, never a panic.

use crate::go::buildinfo::{self as bi, BuildInfo, ALIGN, HEADER, MAX_VERSION_LEN};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

pub(crate) use crate::go::buildinfo::MAGIC;
/// How much of a data section is searched for the header (as Go does).
const WINDOW: u64 = 64 * 1024;
/// How much of the file the last-resort scan reads.
pub(crate) const SCAN_LIMIT: u64 = 8 * 1024 * 1024;
/// How much module information is read (`go version -m` of gopls is
/// about 2 KiB).
const MAX_MODINFO: u64 = 256 * 1024;

/// The raw version string (`go1.22.12`, `go1.22.3 X:nocoverageredesign`,
/// `devel go1.23-abcdef …`) embedded in the Go binary at `path`.
pub(crate) fn version_string(path: &Path) -> Option<String> {
    let (mut f, at) = locate(path)?;
    let buf = read_at(&mut f, at, HEADER as u64 + 10 + MAX_VERSION_LEN)?;
    bi::version(&buf)
}

/// The version and module information of the Go binary at `path` (a few
/// more bytes than [`version_string`]: doctor's depth only).
pub fn read(path: &Path) -> Option<BuildInfo> {
    let (mut f, at) = locate(path)?;
    let buf = read_at(
        &mut f,
        at,
        HEADER as u64 + 20 + MAX_VERSION_LEN + MAX_MODINFO,
    )?;
    bi::decode(&buf)
}

/// The open file and the offset of its build-info header.
fn locate(path: &Path) -> Option<(File, u64)> {
    let mut f = File::open(path).ok()?;
    let head = read_at(&mut f, 0, 64)?;
    if head.len() < 16 {
        return None;
    }
    let known = if head.starts_with(b"\x7fELF") {
        Format::Elf
    } else if head.starts_with(b"MZ") {
        Format::Pe
    } else if macho_kind(&head).is_some() || head.starts_with(&[0xca, 0xfe, 0xba, 0xbe]) {
        Format::MachO
    } else {
        return None;
    };
    let candidates = match known {
        Format::Elf => elf_data(&mut f, &head),
        Format::Pe => pe_data(&mut f, &head),
        Format::MachO => macho_data(&mut f, &head),
    }
    .unwrap_or_default();
    for (off, size) in candidates {
        if let Some(at) = search(&mut f, off, size.min(WINDOW)) {
            return Some((f, at));
        }
    }
    // Last resort: scan the beginning of the file on 16-byte boundaries.
    let at = search(&mut f, 0, SCAN_LIMIT)?;
    Some((f, at))
}

#[derive(Clone, Copy)]
enum Format {
    Elf,
    Pe,
    MachO,
}

/// Reads up to `len` bytes at `off` (fewer at end of file).
fn read_at(f: &mut File, off: u64, len: u64) -> Option<Vec<u8>> {
    f.seek(SeekFrom::Start(off)).ok()?;
    let mut buf = Vec::with_capacity(len.min(1 << 20) as usize);
    f.by_ref().take(len).read_to_end(&mut buf).ok()?;
    Some(buf)
}

/// Finds the header in `len` bytes at `off`, on 16-byte boundaries relative
/// to `off`; returns its file offset. Reads in 1 MiB chunks.
fn search(f: &mut File, off: u64, len: u64) -> Option<u64> {
    const CHUNK: u64 = 1 << 20;
    let mut pos = 0u64;
    while pos < len {
        let n = CHUNK.min(len - pos);
        let buf = read_at(f, off.checked_add(pos)?, n)?;
        let mut i = 0;
        while i + MAGIC.len() <= buf.len() {
            if &buf[i..i + MAGIC.len()] == MAGIC {
                return Some(off + pos + i as u64);
            }
            i += ALIGN;
        }
        if (buf.len() as u64) < n {
            return None; // end of file
        }
        pos += n;
    }
    None
}

/// Little/big-endian integer reads with bounds checks.
#[derive(Clone, Copy)]
struct Endian {
    big: bool,
}

impl Endian {
    /// The `n`-byte unsigned integer at `off` (None past the end).
    fn uint(self, b: &[u8], off: usize, n: usize) -> Option<u64> {
        let s = b.get(off..off.checked_add(n)?)?;
        let fold = |acc: u64, x: &u8| (acc << 8) | u64::from(*x);
        Some(if self.big {
            s.iter().fold(0, fold)
        } else {
            s.iter().rev().fold(0, fold)
        })
    }
    fn u16(self, b: &[u8], off: usize) -> Option<u64> {
        self.uint(b, off, 2)
    }
    fn u32(self, b: &[u8], off: usize) -> Option<u64> {
        self.uint(b, off, 4)
    }
    fn u64(self, b: &[u8], off: usize) -> Option<u64> {
        self.uint(b, off, 8)
    }
    /// A word: 8 bytes in 64-bit files, 4 in 32-bit ones.
    fn word(self, wide: bool, b: &[u8], off: usize) -> Option<u64> {
        if wide {
            self.u64(b, off)
        } else {
            self.u32(b, off)
        }
    }
}

/// ELF: `.go.buildinfo` from the section table, else the first PT_LOAD that
/// is writable and not executable. (file offset, size) candidates in order.
fn elf_data(f: &mut File, h: &[u8]) -> Option<Vec<(u64, u64)>> {
    let wide = match h[4] {
        1 => false,
        2 => true,
        _ => return None,
    };
    let e = Endian {
        big: match h[5] {
            1 => false,
            2 => true,
            _ => return None,
        },
    };
    let (phoff, shoff, ph_ent, ph_num, sh_ent, sh_num, shstrndx) = if wide {
        (
            e.u64(h, 0x20)?,
            e.u64(h, 0x28)?,
            e.u16(h, 0x36)?,
            e.u16(h, 0x38)?,
            e.u16(h, 0x3a)?,
            e.u16(h, 0x3c)?,
            e.u16(h, 0x3e)?,
        )
    } else {
        (
            e.u32(h, 0x1c)?,
            e.u32(h, 0x20)?,
            e.u16(h, 0x2a)?,
            e.u16(h, 0x2c)?,
            e.u16(h, 0x2e)?,
            e.u16(h, 0x30)?,
            e.u16(h, 0x32)?,
        )
    };
    let mut out = Vec::new();

    // Section headers.
    let min_sh = if wide { 64 } else { 40 };
    if shoff != 0 && sh_num > 0 && sh_ent >= min_sh && shstrndx < sh_num {
        if let Some(tab) = read_at(f, shoff, (sh_ent * sh_num).min(1 << 20)) {
            let sect = |i: u64| -> Option<(u64, u64, u64)> {
                let base = usize::try_from(i * sh_ent).ok()?;
                let name = e.u32(&tab, base)?;
                let (off, size) = if wide {
                    (e.u64(&tab, base + 24)?, e.u64(&tab, base + 32)?)
                } else {
                    (e.u32(&tab, base + 16)?, e.u32(&tab, base + 20)?)
                };
                Some((name, off, size))
            };
            if let Some((_, str_off, str_size)) = sect(shstrndx) {
                if let Some(names) = read_at(f, str_off, str_size.min(WINDOW)) {
                    for i in 0..sh_num {
                        let Some((name, off, size)) = sect(i) else {
                            break;
                        };
                        let name = usize::try_from(name).unwrap_or(usize::MAX);
                        let want = b".go.buildinfo\0";
                        if names.get(name..name.saturating_add(want.len())) == Some(&want[..]) {
                            out.push((off, size));
                        }
                    }
                }
            }
        }
    }

    if !out.is_empty() {
        return Some(out);
    }
    // Program headers: first writable, non-executable PT_LOAD.
    let min_ph = if wide { 56 } else { 32 };
    if phoff != 0 && ph_num > 0 && ph_ent >= min_ph {
        if let Some(tab) = read_at(f, phoff, (ph_ent * ph_num).min(1 << 20)) {
            for i in 0..ph_num {
                let Ok(b) = usize::try_from(i * ph_ent) else {
                    break;
                };
                let Some(ptype) = e.u32(&tab, b) else { break };
                let (flags, off, filesz) = if wide {
                    (e.u32(&tab, b + 4), e.u64(&tab, b + 8), e.u64(&tab, b + 32))
                } else {
                    (e.u32(&tab, b + 24), e.u32(&tab, b + 4), e.u32(&tab, b + 16))
                };
                let (Some(flags), Some(off), Some(filesz)) = (flags, off, filesz) else {
                    break;
                };
                const PT_LOAD: u64 = 1;
                const PF_X: u64 = 1;
                const PF_W: u64 = 2;
                if ptype == PT_LOAD && flags & (PF_X | PF_W) == PF_W {
                    out.push((off, filesz));
                    break;
                }
            }
        }
    }
    Some(out)
}

/// PE: the first initialized, readable, writable data section (Go's rule).
fn pe_data(f: &mut File, h: &[u8]) -> Option<Vec<(u64, u64)>> {
    let le = Endian { big: false };
    let pe = le.u32(h, 0x3c)?;
    let coff = read_at(f, pe, 24)?;
    if coff.get(..4)? != b"PE\0\0" {
        return None;
    }
    let nsect = le.u16(&coff, 6)?;
    let opt = le.u16(&coff, 20)?;
    let tab = read_at(f, pe + 24 + opt, 40 * nsect)?;
    const INIT_DATA: u64 = 0x40;
    const READ: u64 = 0x4000_0000;
    const WRITE: u64 = 0x8000_0000;
    const ALIGN_32: u64 = 0x0060_0000;
    for i in 0..nsect as usize {
        let b = i * 40;
        let (Some(vsize), Some(vaddr), Some(raw_size), Some(raw_off), Some(ch)) = (
            le.u32(&tab, b + 8),
            le.u32(&tab, b + 12),
            le.u32(&tab, b + 16),
            le.u32(&tab, b + 20),
            le.u32(&tab, b + 36),
        ) else {
            break;
        };
        if vaddr != 0 && vsize != 0 && ch & !ALIGN_32 == INIT_DATA | READ | WRITE {
            return Some(vec![(raw_off, raw_size)]);
        }
    }
    Some(Vec::new())
}

/// Mach-O magic: (64-bit, big-endian).
fn macho_kind(h: &[u8]) -> Option<(bool, bool)> {
    match h.get(..4)? {
        [0xcf, 0xfa, 0xed, 0xfe] => Some((true, false)),
        [0xce, 0xfa, 0xed, 0xfe] => Some((false, false)),
        [0xfe, 0xed, 0xfa, 0xcf] => Some((true, true)),
        [0xfe, 0xed, 0xfa, 0xce] => Some((false, true)),
        _ => None,
    }
}

/// Mach-O (thin, or the first slice of a fat file): `__go_buildinfo`, else
/// the first non-empty read-write segment.
fn macho_data(f: &mut File, h: &[u8]) -> Option<Vec<(u64, u64)>> {
    let (base, h) = if h.starts_with(&[0xca, 0xfe, 0xba, 0xbe]) {
        let be = Endian { big: true };
        let n = be.u32(h, 4)?;
        // 0xcafebabe is also a Java class file; those have a large "count".
        if n == 0 || n > 32 {
            return None;
        }
        let off = be.u32(h, 16)?;
        (off, read_at(f, off, 64)?)
    } else {
        (0, h.to_vec())
    };
    let (wide, big) = macho_kind(&h)?;
    let e = Endian { big };
    let ncmds = e.u32(&h, 16)?;
    let size = e.u32(&h, 20)?;
    let start = if wide { 32 } else { 28 };
    let cmds = read_at(f, base + start, size.min(1 << 20))?;
    let mut out = Vec::new();
    let mut rw_segment = None;
    let mut p = 0usize;
    for _ in 0..ncmds {
        let (Some(cmd), Some(len)) = (e.u32(&cmds, p), e.u32(&cmds, p + 4)) else {
            break;
        };
        const LC_SEGMENT: u64 = 0x1;
        const LC_SEGMENT_64: u64 = 0x19;
        if cmd == LC_SEGMENT || cmd == LC_SEGMENT_64 {
            let w = cmd == LC_SEGMENT_64;
            let ws = if w { 8 } else { 4 };
            // segname[16] at 8, then vmaddr, vmsize, fileoff, filesize, maxprot, initprot, nsects
            let f0 = p + 24;
            let vmaddr = e.word(w, &cmds, f0);
            let fileoff = e.word(w, &cmds, f0 + 2 * ws);
            let filesz = e.word(w, &cmds, f0 + 3 * ws);
            let maxprot = e.u32(&cmds, f0 + 4 * ws);
            let initprot = e.u32(&cmds, f0 + 4 * ws + 4);
            let nsects = e.u32(&cmds, f0 + 4 * ws + 8);
            let sect0 = f0 + 4 * ws + 16;
            let sect_len = if w { 80 } else { 68 };
            if let (Some(vmaddr), Some(fileoff), Some(filesz), Some(maxp), Some(initp)) =
                (vmaddr, fileoff, filesz, maxprot, initprot)
            {
                if rw_segment.is_none() && vmaddr != 0 && filesz != 0 && maxp == 3 && initp == 3 {
                    rw_segment = Some((base + fileoff, filesz));
                }
            }
            for s in 0..nsects.unwrap_or(0).min(256) as usize {
                let b = sect0 + s * sect_len;
                let Some(name) = cmds.get(b..b + 16) else {
                    break;
                };
                if name.starts_with(b"__go_buildinfo") {
                    let size = e.word(w, &cmds, b + 32 + ws);
                    let off = e.u32(&cmds, b + 32 + 2 * ws);
                    if let (Some(size), Some(off)) = (size, off) {
                        out.push((base + off, size));
                    }
                }
            }
        }
        if len < 8 {
            break;
        }
        p = match usize::try_from(len).ok().and_then(|l| p.checked_add(l)) {
            Some(n) => n,
            None => break,
        };
    }
    out.extend(rw_segment);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn header(version: &str) -> Vec<u8> {
        crate::go::buildinfo::encode(version, None)
    }

    fn file(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    #[test]
    fn garbage_and_truncated_files_give_none() {
        let cases: Vec<Vec<u8>> = vec![
            vec![],
            b"#!/bin/sh\nexec go \"$@\"\n".to_vec(),
            b"\x7fELF".to_vec(),
            b"\x7fELF\x02\x01\x01"
                .iter()
                .copied()
                .chain([0xffu8; 57])
                .collect(),
            b"MZ".iter().copied().chain([0xffu8; 200]).collect(),
            [0xcf, 0xfa, 0xed, 0xfe]
                .iter()
                .copied()
                .chain([0xffu8; 200])
                .collect(),
            [0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 1]
                .iter()
                .copied()
                .chain([0xffu8; 200])
                .collect(),
            (0..=255u8).cycle().take(100_000).collect(),
        ];
        for c in cases {
            let f = file(&c);
            assert_eq!(version_string(f.path()), None);
        }
        assert_eq!(version_string(Path::new("/nonexistent/go")), None);
    }

    #[test]
    fn scan_finds_aligned_header_only() {
        // An ELF-looking file with no usable tables: the bounded scan runs.
        let mut b = b"\x7fELF\x02\x01\x01".to_vec();
        b.resize(4096, 0);
        let mut misaligned = b.clone();
        b.extend(header("go1.22.3 X:nocoverageredesign"));
        assert_eq!(
            version_string(file(&b).path()).as_deref(),
            Some("go1.22.3 X:nocoverageredesign")
        );
        misaligned.push(0);
        misaligned.extend(header("go1.22.3"));
        assert_eq!(version_string(file(&misaligned).path()), None);
    }

    #[test]
    fn old_pointer_format_and_bad_lengths_give_none() {
        let mut b = b"\x7fELF\x02\x01\x01".to_vec();
        b.resize(64, 0);
        let mut old = b.clone();
        let mut h = header("go1.17");
        h[15] = 0;
        old.extend(h);
        assert_eq!(version_string(file(&old).path()), None);
        let mut long = b.clone();
        let mut h = header("go1.22.3");
        h[32] = 0x7f; // length beyond the end of the file
        long.extend(h);
        assert_eq!(version_string(file(&long).path()), None);
    }

    /// A minimal PE: DOS stub, COFF header, one `.data` section.
    #[test]
    fn pe_data_section() {
        let mut b = vec![0u8; 0x400];
        b[0..2].copy_from_slice(b"MZ");
        b[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
        b[0x80..0x84].copy_from_slice(b"PE\0\0");
        b[0x86..0x88].copy_from_slice(&2u16.to_le_bytes()); // 2 sections
        b[0x94..0x96].copy_from_slice(&0u16.to_le_bytes()); // no optional header
        let sect = |b: &mut Vec<u8>, i: usize, ch: u32, raw: u32| {
            let s = 0x80 + 24 + 40 * i;
            b[s + 8..s + 12].copy_from_slice(&0x100u32.to_le_bytes());
            b[s + 12..s + 16].copy_from_slice(&0x1000u32.to_le_bytes());
            b[s + 16..s + 20].copy_from_slice(&0x100u32.to_le_bytes());
            b[s + 20..s + 24].copy_from_slice(&raw.to_le_bytes());
            b[s + 36..s + 40].copy_from_slice(&ch.to_le_bytes());
        };
        sect(&mut b, 0, 0x6000_0020, 0x200); // .text
        sect(&mut b, 1, 0xc060_0040, 0x305); // .data, deliberately not 16-aligned
        b.resize(0x305, 0);
        b.extend(header("go1.23.5"));
        assert_eq!(version_string(file(&b).path()).as_deref(), Some("go1.23.5"));
    }

    /// A minimal 64-bit little-endian Mach-O with a `__go_buildinfo` section.
    #[test]
    fn macho_go_buildinfo_section() {
        let mut b = vec![0u8; 32];
        b[0..4].copy_from_slice(&[0xcf, 0xfa, 0xed, 0xfe]);
        b[16..20].copy_from_slice(&1u32.to_le_bytes()); // ncmds
        b[20..24].copy_from_slice(&(72u32 + 80).to_le_bytes()); // sizeofcmds
        let mut cmd = vec![0u8; 72 + 80];
        cmd[0..4].copy_from_slice(&0x19u32.to_le_bytes());
        cmd[4..8].copy_from_slice(&(72u32 + 80).to_le_bytes());
        cmd[8..14].copy_from_slice(b"__DATA");
        cmd[64..68].copy_from_slice(&1u32.to_le_bytes()); // nsects
        let s = 72;
        cmd[s..s + 14].copy_from_slice(b"__go_buildinfo");
        cmd[s + 40..s + 48].copy_from_slice(&0x40u64.to_le_bytes()); // size
        cmd[s + 48..s + 52].copy_from_slice(&0x1003u32.to_le_bytes()); // offset
        b.extend(cmd);
        b.resize(0x1003, 0);
        b.extend(header("go1.21.13"));
        assert_eq!(
            version_string(file(&b).path()).as_deref(),
            Some("go1.21.13")
        );
    }

    #[test]
    fn real_debian_binaries() {
        for (root, want) in [
            ("/usr/lib/go-1.19", "go1.19.8"),
            ("/usr/lib/go-1.21", "go1.21.13"),
            ("/usr/lib/go-1.22", "go1.22.12"),
            ("/usr/lib/go-1.23", "go1.23.5"),
        ] {
            let bin = Path::new(root).join("bin/go");
            assert!(
                bin.is_file(),
                "{} missing: run scripts/install-test-deps.sh",
                bin.display()
            );
            assert_eq!(version_string(&bin).as_deref(), Some(want), "{root}");
            // the full build info: what `go version -m` prints
            let info = read(&bin).unwrap();
            assert_eq!(
                (info.go_version.as_str(), info.path.as_str()),
                (want, "cmd/go")
            );
            assert_eq!(info.main, None);
            let compile = Path::new(root).join("pkg/tool/linux_amd64/compile");
            let info = read(&compile).unwrap();
            assert_eq!(
                (info.go_version.as_str(), info.path.as_str()),
                (want, "cmd/compile")
            );
        }
    }
}
