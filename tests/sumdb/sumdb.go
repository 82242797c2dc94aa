// Writes a one-record checksum database for a module zip into a file://
// GOPROXY (sumdb/<name>/...), signed with a fresh key; prints GOSUMDB.
// Usage: go run sumdb.go <proxy> <name> <module> <version> <zip> <mod>
package main

import (
	"archive/zip"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// dirhash.Hash1 over (name, content) pairs.
func hash1(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%x  %s\n", sha256.Sum256(files[n]), n)
	}
	return "h1:" + base64.StdEncoding.EncodeToString(h.Sum(nil))
}

func main() {
	proxy, name, mod, ver, zipf, modf := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5], os.Args[6]
	z, err := zip.OpenReader(zipf)
	must(err)
	files := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		must(err)
		b, err := io.ReadAll(r)
		must(err)
		files[f.Name] = b
	}
	modb, err := os.ReadFile(modf)
	must(err)
	record := fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", mod, ver, hash1(files), mod, ver, hash1(map[string][]byte{"go.mod": modb}))
	leaf := sha256.Sum256(append([]byte{0}, record...))
	tree := fmt.Sprintf("go.sum database tree\n1\n%s\n", base64.StdEncoding.EncodeToString(leaf[:]))

	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	must(err)
	kh := sha256.Sum256(append(append([]byte(name+"\n"), 1), pub...))
	hash := binary.BigEndian.Uint32(kh[:4])
	sig := ed25519.Sign(priv, []byte(tree))
	sigb := append(append([]byte{}, kh[:4]...), sig...)
	note := tree + "\n\u2014 " + name + " " + base64.StdEncoding.EncodeToString(sigb) + "\n"

	dir := filepath.Join(proxy, "sumdb", name)
	must(os.MkdirAll(filepath.Join(dir, "lookup", filepath.Dir(mod)), 0o755))
	must(os.WriteFile(filepath.Join(dir, "supported"), nil, 0o644))
	must(os.WriteFile(filepath.Join(dir, "lookup", mod+"@"+ver), []byte("0\n"+record+"\n"+note), 0o644))
	must(os.WriteFile(filepath.Join(dir, "latest"), []byte(note), 0o644))
	must(os.MkdirAll(filepath.Join(dir, "tile/8/0/000.p"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "tile/8/0/000.p/1"), leaf[:], 0o644))
	fmt.Printf("%s+%08x+%s\n", name, hash, base64.StdEncoding.EncodeToString(append([]byte{1}, pub...)))
}
