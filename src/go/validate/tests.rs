use super::*;

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn sha256_known_answers() {
    assert_eq!(
        hex(&sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(&sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let long = vec![b'a'; 1000];
    assert_eq!(
        hex(&sha256(&long)),
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
    );
}

#[test]
fn gosumdb_grammar() {
    assert!(gosumdb("off").is_ok());
    assert!(gosumdb("sum.golang.org").is_ok());
    assert!(gosumdb("sum.golang.google.cn").is_ok());
    assert!(gosumdb("sum.golang.org https://sum.golang.google.cn").is_ok());
    assert!(gosumdb(SUM_GOLANG_ORG_KEY).is_ok());
    assert_eq!(
        gosumdb("https://sum.golang.org").unwrap_err(),
        "invalid GOSUMDB: malformed verifier id"
    );
    assert_eq!(
        gosumdb("bogus.example.com").unwrap_err(),
        "invalid GOSUMDB: malformed verifier id"
    );
    assert!(gosumdb("a b c").unwrap_err().contains("too many fields"));
    assert!(
        gosumdb("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8")
            .unwrap_err()
            .contains("hash")
    );
    assert!(gosumdb("x+0000000+AAAA").is_err());
    assert!(gosumdb("  ").is_err());
}

#[test]
fn goproxy_grammar() {
    let abs = |s: &str| s.starts_with('/');
    for ok in [
        "https://proxy.golang.org,direct",
        "off",
        "direct",
        "proxy.example.com",
        "https://a|https://b,direct",
        "file:///srv/proxy",
        "http://localhost:3000",
        " https://x , direct",
    ] {
        assert!(goproxy(ok, &abs).is_ok(), "{ok}");
    }
    assert_eq!(
        goproxy("nonsense", &abs).unwrap_err(),
        "invalid proxy URL missing scheme: nonsense"
    );
    assert!(goproxy("/abs/path", &abs)
        .unwrap_err()
        .contains("missing scheme"));
    assert!(goproxy("ftp://x", &abs)
        .unwrap_err()
        .contains("must be https, http, file"));
    assert!(goproxy("file://host/x", &abs)
        .unwrap_err()
        .contains("non-path"));
    assert!(goproxy(",", &abs)
        .unwrap_err()
        .contains("contains no entries"));
    assert!(goproxy(" ", &abs)
        .unwrap_err()
        .contains("contains no entries"));
    // an error after direct is never reached
    assert!(goproxy("direct,nonsense", &abs).is_ok());
}

#[test]
fn private_patterns_lint() {
    assert!(private_patterns("example.com,*.corp.example.com/x").is_empty());
    assert!(private_patterns("github.com/Azure").is_empty());
    assert_eq!(private_patterns(" example.com").len(), 1);
    assert_eq!(private_patterns("https://example.com/dep").len(), 1);
    assert_eq!(private_patterns("EXAMPLE.COM").len(), 1);
    assert_eq!(private_patterns("example.com/[").len(), 1);
    assert_eq!(private_patterns("example.com/").len(), 1);
    assert!(path_match_pattern("a[b-c]\\*").is_ok());
    assert!(path_match_pattern("[]").is_err());
    assert!(path_match_pattern("a\\").is_err());
    assert!(path_match_pattern("[a-]").is_err());
    assert!(path_match_pattern("[^").is_err());
}

#[test]
fn goflags_grammar() {
    assert!(goflags("-mod=mod -trimpath '-ldflags=-s -w' -tags=a,b").is_empty());
    assert!(goflags("").is_empty());
    let p = goflags("mod=mod");
    assert!(p[0].fatal && p[0].message.contains("non-flag"));
    assert!(goflags("-bogus")[0].message.contains("unknown flag -bogus"));
    assert!(goflags("-race=maybe")[0]
        .message
        .contains("invalid boolean value"));
    assert!(goflags("-mod=bogus")[0].message.contains("not supported"));
    assert!(goflags("-tags")[0].message.contains("requires an argument"));
    let p = goflags("-ldflags=-s -w");
    assert_eq!(p.len(), 1);
    assert!(!p[0].fatal && p[0].message.contains("split"));
    let p = goflags("-insecure");
    assert!(!p[0].fatal);
    assert!(goflags("'-x")[0].message.contains("unterminated"));
    assert!(goflags("-ldflags='-s -w'")
        .iter()
        .any(|p| p.message.contains("quote")));
    assert_eq!(quoted_split(" a 'b c'\"d\" ").unwrap(), ["a", "b c", "d"]);
}

#[test]
fn arch_tables() {
    assert!(arch_var("GOAMD64", "v3").unwrap().is_ok());
    assert!(arch_var("GOAMD64", "v5").unwrap().is_err());
    assert!(arch_var("GOARM", "7,softfloat").unwrap().is_ok());
    assert!(arch_var("GOARM", "9").unwrap().is_err());
    assert!(arch_var("GOARM64", "v8.2,lse,crypto").unwrap().is_ok());
    assert!(arch_var("GOARM64", "v9.6").unwrap().is_err());
    assert!(arch_var("GOARM64", "v8.10").unwrap().is_err());
    assert!(arch_var("GOWASM", "satconv,signext").unwrap().is_ok());
    assert!(arch_var("GOPPC64", "power7").unwrap().is_err());
    assert!(arch_var("GOFOO", "x").is_none());
    assert!(valid_port("linux", "amd64") && !valid_port("js", "amd64"));
}

#[test]
fn validators_never_panic_on_odd_input() {
    for s in [
        "",
        "+",
        "++",
        "é+ü+€",
        "[",
        "\\",
        "'",
        "\"",
        "-=",
        "---",
        ":",
        "a:b",
        "file:",
        "x+1+=",
        "====",
    ] {
        let _ = gosumdb(s);
        let _ = goproxy(s, &|_| false);
        let _ = private_patterns(s);
        let _ = goflags(s);
        let _ = go111module(s);
        for n in ARCH_VARS {
            let _ = arch_var(n, s);
        }
    }
}
