package core

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The .pao file: a plain header a person can read in any text viewer, a
// blank line, then the body, binary. docs/private-overlap-format.md
// describes it; this file reads and writes it, and nothing else does.
//
//	Partner Atlas private overlap
//	Format: 1
//	File: request
//	Request: 9c1f…               (16 random bytes, hex: binds an answer to its request)
//	Request checksum: sha256:…   (answers only: the checksum of the request answered)
//	From: Acme Analytics
//	Made: 2026-12-03T06:10:00Z
//	Mode: counts
//	Entries: 503
//	Partner entries: 4675        (answers only)
//	Populations: shared
//	Group: ristretto255, hash to element RFC 9380, tag PartnerAtlas-PrivateOverlap-v1-…
//	Reveals: Counts only: …
//	Body: 32240 bytes
//	Checksum: sha256:…           (over every byte above this line, then the body)
//
// The body is the entries of the request (Entries of them), then, in an
// answer, the partner's (Partner entries): each a tag byte (PrivateTag), a
// count byte, and that many 32-byte Ristretto255 elements. A result has
// "Answer checksum" where an answer has "Request checksum", and its
// entries are the answering side's companies blinded by both secrets.

// privateMagic is the first line of every .pao file.
const privateMagic = "Partner Atlas private overlap"

// privateGroupLine names the group and the hash, so that a reader can see
// what the elements are without the app.
const privateGroupLine = "ristretto255, hash to element RFC 9380, tag " + privateOverlapTag

// maxHeaderBytes bounds the header read before the body: a file whose
// first 64 KiB hold no blank line is no .pao file.
const maxHeaderBytes = 64 << 10

// maxFileEntries bounds the entries any file may announce, whatever the
// user's limit, so a damaged count never asks for gigabytes.
const maxFileEntries = 20_000_000

// PrivateFileKind says which step of the exchange a file is.
type PrivateFileKind string

// The files of a private overlap.
const (
	FileRequest PrivateFileKind = "request"
	FileAnswer  PrivateFileKind = "answer"
	// FileResult is the optional last file, from the requesting side back
	// to the answering side, so that it learns what the requester learnt.
	FileResult PrivateFileKind = "result"
)

// article names the kind with its article, for a message.
func (k PrivateFileKind) article() string {
	switch k {
	case FileRequest:
		return "a request"
	case FileAnswer:
		return "an answer"
	case FileResult:
		return "a result"
	}
	return "an unknown kind of file"
}

// PrivateHeader is the readable head of a .pao file.
type PrivateHeader struct {
	Format          int
	File            PrivateFileKind
	RequestID       string
	RequestChecksum string // answers only
	AnswerChecksum  string // results only: the checksum of the answer it completes
	From            string
	Made            time.Time
	Mode            PrivateMode
	Entries         int  // the request's entries
	TheirEntries    int  // answers only: the answering side's companies
	Populations     bool // whether this file's own entries carry populations
	Reveals         string
	// Checksum is "sha256:" and the hex SHA-256 of the header above it and
	// the body: set by ReadPrivateFile and by Checksum.
	Checksum string
}

// PrivateFile is one .pao file: a request (Ours: the requester's companies
// blinded once) or an answer (Ours: the request's entries blinded again;
// Theirs: the answering side's companies blinded once).
type PrivateFile struct {
	Header PrivateHeader
	Ours   []BlindedAccount
	Theirs []BlindedAccount
}

// PrivateErrorKind is the category of a private overlap error, so that the
// app and the tests can tell a damaged file from a wrong pairing.
type PrivateErrorKind string

// The kinds of private overlap error.
const (
	PrivateDamaged  PrivateErrorKind = "damaged file"  // truncated, edited, reordered, not a .pao file
	PrivateVersion  PrivateErrorKind = "other version" // a format this build does not read
	PrivatePairing  PrivateErrorKind = "wrong pairing" // an answer to another request, a request made elsewhere
	PrivateReplayed PrivateErrorKind = "already used"  // a request answered or finished before
	PrivateTooLarge PrivateErrorKind = "too many"      // more entries than the answering side accepts
	PrivateRefused  PrivateErrorKind = "refused"       // a mode not accepted, a value that is no blinded key
)

// PrivateOverlapError is an error of the private overlap, with its kind
// and a message for the user.
type PrivateOverlapError struct {
	Kind    PrivateErrorKind
	Message string
	Err     error
}

// Error is the message for the user.
func (e *PrivateOverlapError) Error() string { return e.Message }

// Unwrap is the cause, when there is one.
func (e *PrivateOverlapError) Unwrap() error { return e.Err }

// privateError makes an error of kind with a message for the user.
func privateError(kind PrivateErrorKind, cause error, format string, args ...any) error {
	return &PrivateOverlapError{Kind: kind, Message: fmt.Sprintf(format, args...), Err: cause}
}

// PrivateErrorKindOf returns the kind of a private overlap error in err's
// chain, or "".
func PrivateErrorKindOf(err error) PrivateErrorKind {
	var pe *PrivateOverlapError
	if errors.As(err, &pe) {
		return pe.Kind
	}
	return ""
}

// oneLine makes a header value of s: line breaks become spaces, so a name
// cannot forge a header line, and it is cut at maxHeaderValue bytes (at a
// character's start), so it cannot push the header past maxHeaderBytes.
func oneLine(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
	if len(s) > maxHeaderValue {
		s = strings.ToValidUTF8(s[:maxHeaderValue], "")
	}
	return s
}

// maxHeaderValue bounds a header value a person typed, such as From.
const maxHeaderValue = 1000

// encode writes the header up to the Body line into head, the body into
// body.
func (f *PrivateFile) encode() (head, body []byte) {
	var b bytes.Buffer
	for _, list := range [][]BlindedAccount{f.Ours, f.Theirs} {
		for _, e := range list {
			b.WriteByte(byte(e.Tag))
			b.WriteByte(byte(len(e.Keys)))
			for _, k := range e.Keys {
				b.Write(k[:])
			}
		}
	}
	body = b.Bytes()
	h := f.Header
	var w bytes.Buffer
	fmt.Fprintf(&w, "%s\nFormat: %d\nFile: %s\nRequest: %s\n", privateMagic, PrivateOverlapFormat, h.File, h.RequestID)
	if h.File == FileAnswer {
		fmt.Fprintf(&w, "Request checksum: %s\n", h.RequestChecksum)
	}
	if h.File == FileResult {
		fmt.Fprintf(&w, "Answer checksum: %s\n", h.AnswerChecksum)
	}
	fmt.Fprintf(&w, "From: %s\nMade: %s\nMode: %s\nEntries: %d\n", oneLine(h.From), h.Made.UTC().Format(time.RFC3339), h.Mode, len(f.Ours))
	if h.File == FileAnswer {
		fmt.Fprintf(&w, "Partner entries: %d\n", len(f.Theirs))
	}
	pops := "not shared"
	if h.Populations {
		pops = "shared"
	}
	fmt.Fprintf(&w, "Populations: %s\nGroup: %s\nReveals: %s\nBody: %d bytes\n", pops, privateGroupLine, oneLine(h.Reveals), len(body))
	return w.Bytes(), body
}

// checksum is the file's checksum: SHA-256 over the header above the
// Checksum line, then the body.
func checksum(head, body []byte) string {
	s := sha256.New()
	s.Write(head)
	s.Write(body)
	return "sha256:" + hex.EncodeToString(s.Sum(nil))
}

// Checksum returns the file's checksum: the one read, or the one its
// encoding has.
func (f *PrivateFile) Checksum() string {
	if f.Header.Checksum != "" {
		return f.Header.Checksum
	}
	head, body := f.encode()
	return checksum(head, body)
}

// WriteTo writes the file in the .pao format.
func (f *PrivateFile) WriteTo(w io.Writer) (int64, error) {
	head, body := f.encode()
	sum := checksum(head, body)
	f.Header.Checksum = sum
	var n int64
	for _, part := range [][]byte{head, []byte("Checksum: " + sum + "\n\n"), body} {
		k, err := w.Write(part)
		n += int64(k)
		if err != nil {
			return n, fmt.Errorf("write the private overlap file: %w", err)
		}
	}
	return n, nil
}

// PrivateLimits bound what ReadPrivateFile accepts.
type PrivateLimits struct {
	// MaxEntries refuses a file announcing more request entries, with an
	// error of kind PrivateTooLarge, before reading its body (0: no
	// limit but the format's).
	MaxEntries int
}

// ReadPrivateFile reads a .pao file, checking its format version, its
// fields and its checksum. On an error after the header was read, the
// header comes back too (the answering side says how many entries a
// refused request held).
func ReadPrivateFile(r io.Reader, lim PrivateLimits) (*PrivateFile, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var head bytes.Buffer
	line := func() (string, error) {
		s, err := br.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				return "", privateError(PrivateDamaged, err, "the file ends inside its header: it was cut short, or is not a private overlap file")
			}
			return "", fmt.Errorf("read the private overlap file: %w", err)
		}
		if head.Len()+len(s) > maxHeaderBytes {
			return "", privateError(PrivateDamaged, nil, "this is not a private overlap file: its first lines are not a .pao header")
		}
		return strings.TrimSuffix(s, "\n"), nil
	}
	first, err := line()
	if err != nil || first != privateMagic {
		return nil, privateError(PrivateDamaged, err, "this is not a private overlap file (.pao): it does not start with %q", privateMagic)
	}
	head.WriteString(first + "\n")
	f := &PrivateFile{}
	h := &f.Header
	// field reads the next line, which must be name: value.
	field := func(name string) (string, error) {
		s, err := line()
		if err != nil {
			return "", err
		}
		v, ok := strings.CutPrefix(s, name+": ")
		if !ok {
			return "", privateError(PrivateDamaged, nil, "the header line %q is where %q belongs: the header was edited or its lines reordered", s, name)
		}
		head.WriteString(s + "\n")
		return v, nil
	}
	number := func(name string) (int, error) {
		v, err := field(name)
		if err != nil {
			return 0, err
		}
		n, err := strconv.Atoi(strings.TrimSuffix(v, " bytes"))
		if err != nil || n < 0 || n > maxFileEntries*(2+MaxKeysPerAccount*ElementSize) {
			return 0, privateError(PrivateDamaged, err, "the header's %s, %q, is not a count: the header was edited", name, v)
		}
		return n, nil
	}
	v, err := field("Format")
	if err != nil {
		return nil, err
	}
	if h.Format, err = strconv.Atoi(v); err != nil {
		return nil, privateError(PrivateDamaged, err, "the header's format, %q, is not a number: the header was edited", v)
	}
	if h.Format != PrivateOverlapFormat {
		newer := "a newer"
		if h.Format < PrivateOverlapFormat {
			newer = "an older"
		}
		return nil, privateError(PrivateVersion, nil, "this file is in private overlap format %d, made by %s version of Partner Atlas; this version reads format %d only: both sides need the same version", h.Format, newer, PrivateOverlapFormat)
	}
	if v, err = field("File"); err != nil {
		return nil, err
	}
	h.File = PrivateFileKind(v)
	if h.File != FileRequest && h.File != FileAnswer && h.File != FileResult {
		return nil, privateError(PrivateDamaged, nil, "the header says the file is %q, neither a request, an answer nor a result", v)
	}
	if h.RequestID, err = field("Request"); err != nil {
		return nil, err
	}
	if id, err := hex.DecodeString(h.RequestID); err != nil || len(id) != 16 {
		return nil, privateError(PrivateDamaged, err, "the header's request id, %q, is not one Partner Atlas makes: the header was edited", h.RequestID)
	}
	if h.File == FileAnswer {
		if h.RequestChecksum, err = field("Request checksum"); err != nil {
			return nil, err
		}
	}
	if h.File == FileResult {
		if h.AnswerChecksum, err = field("Answer checksum"); err != nil {
			return nil, err
		}
	}
	if h.From, err = field("From"); err != nil {
		return nil, err
	}
	if v, err = field("Made"); err != nil {
		return nil, err
	}
	if h.Made, err = time.Parse(time.RFC3339, v); err != nil {
		return nil, privateError(PrivateDamaged, err, "the header's date, %q, is not a date: the header was edited", v)
	}
	if v, err = field("Mode"); err != nil {
		return nil, err
	}
	if h.Mode, err = ParsePrivateMode(v); err != nil {
		return nil, privateError(PrivateDamaged, err, "the header's mode, %q, is neither counts nor matches: the header was edited", v)
	}
	if h.Entries, err = number("Entries"); err != nil {
		return nil, err
	}
	if h.File == FileAnswer {
		if h.TheirEntries, err = number("Partner entries"); err != nil {
			return nil, err
		}
	}
	if v, err = field("Populations"); err != nil {
		return nil, err
	}
	h.Populations = v == "shared"
	if v, err = field("Group"); err != nil {
		return nil, err
	}
	if v != privateGroupLine {
		return nil, privateError(PrivateVersion, nil, "the file was blinded with %q, not the group and tag this version uses", v)
	}
	if h.Reveals, err = field("Reveals"); err != nil {
		return nil, err
	}
	size, err := number("Body")
	if err != nil {
		return nil, err
	}
	s, err := line()
	if err != nil {
		return nil, err
	}
	sum, ok := strings.CutPrefix(s, "Checksum: ")
	if !ok {
		return nil, privateError(PrivateDamaged, nil, "the header has %q where the checksum belongs: the header was edited", s)
	}
	if blank, err := line(); err != nil || blank != "" {
		return nil, privateError(PrivateDamaged, err, "the header does not end after its checksum: the file was edited")
	}
	if h.Entries+h.TheirEntries > maxFileEntries {
		return f, privateError(PrivateTooLarge, nil, "the file announces %d entries, more than any account list this version maps", h.Entries+h.TheirEntries)
	}
	if lim.MaxEntries > 0 && h.Entries > lim.MaxEntries {
		return f, privateError(PrivateTooLarge, nil, "the request holds %d entries, more than the %d you accept: a list that long can probe for accounts rather than map shared ones; ask your partner why, or raise the limit you accept", h.Entries, lim.MaxEntries)
	}
	if size > (h.Entries+h.TheirEntries)*(2+MaxKeysPerAccount*ElementSize) {
		return f, privateError(PrivateDamaged, nil, "the header announces a body of %d bytes, more than %d entries can hold: the header was edited", size, h.Entries+h.TheirEntries)
	}
	body := make([]byte, size)
	if n, err := io.ReadFull(br, body); err != nil {
		return f, privateError(PrivateDamaged, err, "the file is cut short: its header announces %d bytes of blinded keys and %d are there; ask for the file again", size, n)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return f, privateError(PrivateDamaged, err, "the file is longer than its header says: something was added to it")
	}
	if got := checksum(head.Bytes(), body); got != sum {
		return f, privateError(PrivateDamaged, nil, "the file's checksum does not match its content: it was damaged or edited after it was made; ask for the file again")
	}
	h.Checksum = sum
	rest := body
	entries := func(n int) ([]BlindedAccount, error) {
		out := make([]BlindedAccount, n)
		for i := range out {
			if len(rest) < 2 {
				return nil, privateError(PrivateDamaged, nil, "the body ends before entry %d", i+1)
			}
			t, k := PrivateTag(rest[0]), int(rest[1])
			rest = rest[2:]
			if t > TagProspect || k > MaxKeysPerAccount || len(rest) < k*ElementSize {
				return nil, privateError(PrivateDamaged, nil, "entry %d of the body is not well formed", i+1)
			}
			out[i].Tag = t
			out[i].Keys = make([][ElementSize]byte, k)
			for j := range k {
				copy(out[i].Keys[j][:], rest[j*ElementSize:])
			}
			rest = rest[k*ElementSize:]
		}
		return out, nil
	}
	if f.Ours, err = entries(h.Entries); err != nil {
		return f, err
	}
	if f.Theirs, err = entries(h.TheirEntries); err != nil {
		return f, err
	}
	if len(rest) != 0 {
		return f, privateError(PrivateDamaged, nil, "the body holds %d bytes more than its entries", len(rest))
	}
	return f, nil
}

// WriteTo writes the state as JSON.
func (st *PrivateState) WriteTo(w io.Writer) (int64, error) {
	return writeRecord(w, st, "state")
}

// ReadPrivateState reads a state written by WriteTo.
func ReadPrivateState(r io.Reader) (*PrivateState, error) {
	return readRecord[PrivateState](r, "the saved state of this request", "make a new request")
}

// writeRecord writes a record a side keeps on its computer (a state, an
// answer record) as JSON, one line.
func writeRecord(w io.Writer, rec any, what string) (int64, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return 0, fmt.Errorf("encode the private overlap %s: %w", what, err)
	}
	n, err := w.Write(append(b, '\n'))
	if err != nil {
		return int64(n), fmt.Errorf("write the private overlap %s: %w", what, err)
	}
	return int64(n), nil
}

// readRecord reads a record written by writeRecord, refusing one of
// another format by name; what names it in a message, then says what to do.
func readRecord[T PrivateState | PrivateAnswerState](r io.Reader, what, then string) (*T, error) {
	var rec T
	if err := json.NewDecoder(r).Decode(&rec); err != nil {
		return nil, privateError(PrivateDamaged, err, "%s is damaged: %s", what, then)
	}
	format := 0
	switch v := any(&rec).(type) {
	case *PrivateState:
		format = v.Format
	case *PrivateAnswerState:
		format = v.Format
	}
	if format != PrivateOverlapFormat {
		return nil, privateError(PrivateVersion, nil, "%s is in format %d; this version reads format %d: %s", what, format, PrivateOverlapFormat, then)
	}
	return &rec, nil
}
