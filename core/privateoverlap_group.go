package core

import (
	"crypto"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/cloudflare/circl/expander"
	"github.com/gtank/ristretto255"
)

// The group arithmetic of a private overlap, in one place: Ristretto255
// (RFC 9496) from gtank/ristretto255, which computes on Go's own
// filippo.io/edwards25519 (the code behind crypto/ed25519) and multiplies
// about a quarter faster than circl's go-ristretto here (47.9 against
// 64.3 µs to decode, multiply and encode one key); and hash to element per
// RFC 9380's ristretto255_XMD:SHA-512_R255MAP_RO_ suite, whose
// expand_message_xmd comes from circl. Files are byte for byte what circl's
// group.Ristretto255 makes of the same keys and secrets, which
// TestPrivateGroupMatchesCircl holds.

// secretScalar is a side's secret: a or b.
type secretScalar = ristretto255.Scalar

// blindedElement is a key hashed to the group, or a received one.
type blindedElement = ristretto255.Element

// keyHasher hashes keys to the group under privateOverlapTag. It holds no
// state between calls, so workers share one.
var keyHasher = expander.NewExpanderMD(crypto.SHA512, []byte(privateOverlapTag))

// hashToElement sets e to the element of key message msg.
func hashToElement(e *blindedElement, msg []byte) {
	if _, err := e.SetUniformBytes(keyHasher.Expand(msg, 64)); err != nil {
		panic(err) // Expand always gives 64 bytes
	}
}

// newSecret draws a secret scalar from crypto/rand: 64 bytes reduced
// modulo the group order, as RFC 9496 derives a uniform scalar; a zero
// (which would blind every key to the same element) is drawn again.
func newSecret() (*secretScalar, error) {
	var buf [64]byte
	zero := ristretto255.NewScalar()
	for {
		if _, err := rand.Read(buf[:]); err != nil {
			return nil, fmt.Errorf("draw a secret: %w", err)
		}
		s, err := ristretto255.NewScalar().SetUniformBytes(buf[:])
		if err != nil {
			return nil, err
		}
		if s.Equal(zero) == 0 {
			return s, nil
		}
	}
}

// readSecret reads a secret in its canonical 32-byte little-endian
// encoding, as the state keeps it; a zero or non-canonical value is refused.
func readSecret(raw []byte) (*secretScalar, error) {
	s, err := ristretto255.NewScalar().SetCanonicalBytes(raw)
	if err != nil {
		return nil, err
	}
	if s.Equal(ristretto255.NewScalar()) == 1 {
		return nil, errors.New("the secret is zero")
	}
	return s, nil
}

// isIdentity says whether e is the group's neutral element, which a
// received key must never be: it would hide nothing.
func isIdentity(e *blindedElement) bool {
	return e.Equal(ristretto255.NewIdentityElement()) == 1
}
