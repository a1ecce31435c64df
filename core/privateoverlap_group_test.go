package core

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/cloudflare/circl/group"
)

// TestPrivateGroupMatchesCircl checks that keys hashed and blinded here are
// byte for byte what circl's group.Ristretto255 makes of them (the library
// files of format 1 were first made with), for secrets drawn by either.
func TestPrivateGroupMatchesCircl(t *testing.T) {
	circl := group.Ristretto255
	msgs := [][]byte{keyMessage(MatchDomain, "acme.com"), keyMessage(MatchName, "acme"), keyMessage(MatchName, ""), []byte("padding\x00")}
	for i := range 200 {
		msgs = append(msgs, keyMessage(MatchDomain, fmt.Sprintf("company%d.example", i)))
	}
	one, err := readSecret(append([]byte{1}, make([]byte, 31)...))
	if err != nil {
		t.Fatal(err)
	}
	for round := range 4 {
		var a *secretScalar
		var ca group.Scalar
		if round%2 == 0 { // drawn here, read by circl
			var err error
			if a, err = newSecret(); err != nil {
				t.Fatal(err)
			}
			ca = circl.NewScalar()
			if err := ca.UnmarshalBinary(secretBytes(a)); err != nil {
				t.Fatal(err)
			}
		} else { // drawn by circl, read here as a saved state is
			ca = circl.RandomNonZeroScalar(rand.Reader)
			raw, _ := ca.MarshalBinary()
			var err error
			if a, err = readSecret(raw); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range msgs {
			var e, r blindedElement
			var got [ElementSize]byte
			hashToElement(&e, m)
			multiplyInto(&got, one, &e, &r)
			want, _ := circl.HashToElement(m, []byte(privateOverlapTag)).MarshalBinary()
			if !bytes.Equal(got[:], want) {
				t.Fatalf("hash of %q = %x, circl %x", m, got, want)
			}
			multiplyInto(&got, a, &e, &r)
			want, _ = circl.NewElement().Mul(circl.HashToElement(m, []byte(privateOverlapTag)), ca).MarshalBinary()
			if !bytes.Equal(got[:], want) {
				t.Fatalf("blinded %q = %x, circl %x", m, got, want)
			}
			var back blindedElement // and a received element reads back
			if err := decodeElement(&back, &got); err != nil || back.Equal(&r) != 1 {
				t.Fatalf("blinded %q does not decode to itself: %v", m, err)
			}
		}
	}
}

// TestReadSecretRefusesZero checks that a zero or non-canonical saved
// secret is refused rather than blinding every key to one element.
func TestReadSecretRefusesZero(t *testing.T) {
	over := bytes.Repeat([]byte{0xff}, 32)
	for _, raw := range [][]byte{make([]byte, 32), over, {1, 2, 3}} {
		if _, err := readSecret(raw); err == nil {
			t.Errorf("readSecret(%x) accepted", raw)
		}
	}
}
