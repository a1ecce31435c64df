package importers

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// openText opens a .csv, .tsv or .txt file: it decodes the text to UTF-8,
// removes NUL bytes, turns old Mac line ends into line feeds and finds the
// delimiter. The records are read by records, the one CSV reader of the
// app. owned says data belongs to the File alone, so its text may be used in
// place instead of copied.
func openText(file string, data []byte, opt Options, owned bool) (*File, error) {
	f := &File{Name: file}
	text, enc, guessed, err := decodeText(data, opt.Encoding)
	if err != nil {
		return nil, fail(Unsupported, file, err, "the text encoding %s is not one Partner Atlas knows. Choose another, such as UTF-8 or Windows-1252.", quote(opt.Encoding))
	}
	f.Encoding = enc
	if guessed {
		f.Problems = append(f.Problems, Problem{Kind: Guessed, File: file, Message: "the file is not UTF-8, so it was read as Windows-1252 (Western European). If accented letters look wrong, choose the file's encoding (Encoding in the import preview, --encoding on the command line), or save it from Excel as \"CSV UTF-8\"."})
	}
	if what := binaryKind(text); what != "" {
		return nil, fail(BadFile, file, nil, "this is %s, not a spreadsheet or a CSV file. Choose an .xlsx workbook or a .csv file.", what)
	}
	fresh := enc != "utf-8" // a decoded text is a copy of its own
	if i := bytes.IndexByte(text, 0); i >= 0 {
		n := bytes.Count(text, []byte{0})
		line := bytes.Count(text[:i], []byte{'\n'}) + 1
		text, fresh = bytes.ReplaceAll(text, []byte{0}, nil), true
		f.Problems = append(f.Problems, Problem{Kind: BadValue, File: file, Row: line, Message: fmt.Sprintf(
			"the file holds %d NUL (zero) character(s), the first on line %d; they were removed. Check the values on that line.", n, line)})
	}
	if bytes.IndexByte(text, '\r') >= 0 {
		if t := loneCRtoLF(text); len(t) > 0 && &t[0] != &text[0] {
			text, fresh = t, true
		}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, fail(Empty, file, nil, "the file is empty.")
	}
	f.Delimiter = detectDelimiter(text, strings.ToLower(filepath.Ext(file)))
	// The cells are substrings of the whole text (see records). Bytes that
	// are the File's alone are used in place, never changed; else they are
	// copied once.
	if owned || fresh {
		f.text = unsafe.String(unsafe.SliceData(text), len(text))
	} else {
		f.text = string(text)
	}
	return f, nil
}

// TextEncoding is an encoding a text file can be read in: the name
// Options.Encoding takes, and what a person calls it.
type TextEncoding struct {
	Name, Label string
}

// TextEncodings are the encodings the import preview offers for a text
// file, those of spreadsheets saved as CSV or text on Windows, macOS and
// Linux first. Options.Encoding takes any other WHATWG name too.
var TextEncodings = []TextEncoding{
	{"utf-8", "UTF-8"},
	{"windows-1252", "Windows-1252 (Western European)"},
	{"utf-16le", "UTF-16 (Excel's Unicode Text)"},
	{"utf-16be", "UTF-16 big endian"},
	{"iso-8859-15", "ISO-8859-15 (Latin-9)"},
	{"macintosh", "Mac Roman"},
	{"windows-1250", "Windows-1250 (Central European)"},
	{"windows-1251", "Windows-1251 (Cyrillic)"},
	{"windows-1253", "Windows-1253 (Greek)"},
	{"windows-1254", "Windows-1254 (Turkish)"},
	{"shift_jis", "Shift JIS (Japanese)"},
	{"gbk", "GBK (Simplified Chinese)"},
	{"big5", "Big5 (Traditional Chinese)"},
	{"euc-kr", "EUC-KR (Korean)"},
}

// decodeText returns the text as UTF-8 without a byte order mark, and the
// name of the encoding it was read in. name forces an encoding; "" detects
// one: a UTF-8 or UTF-16 byte order mark, UTF-16 by its zero bytes, UTF-8
// when the bytes are valid UTF-8, else Windows-1252 (guessed is then true).
func decodeText(data []byte, name string) (text []byte, enc string, guessed bool, err error) {
	var e encoding.Encoding
	switch {
	case name != "":
		e, err = htmlindex.Get(name)
		if err != nil {
			return nil, "", false, err
		}
		enc = strings.ToLower(name)
		if n, err := htmlindex.Name(e); err == nil {
			enc = n
		}
		if enc == "utf-8" {
			e = nil
		}
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		enc = "utf-8"
	default:
		if le, ok := utf16BOM(data); ok {
			e, enc = utf16(le), "utf-16le"
			if !le {
				enc = "utf-16be"
			}
		} else if looksUTF16(data) {
			le := data[1] == 0
			e, enc = utf16(le), "utf-16le"
			if !le {
				enc = "utf-16be"
			}
		} else if utf8.Valid(data) {
			enc = "utf-8"
		} else {
			e, enc, guessed = charmap.Windows1252, "windows-1252", true
		}
	}
	text = data
	if e != nil {
		text, err = e.NewDecoder().Bytes(data)
		if err != nil {
			return nil, "", false, err
		}
	}
	return bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")), enc, guessed, nil
}

func utf16(le bool) encoding.Encoding {
	if le {
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	}
	return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
}

// utf16BOM reports a UTF-16 byte order mark and whether it is little endian.
func utf16BOM(data []byte) (le, ok bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return true, true
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return false, true
	}
	return false, false
}

// looksUTF16 spots UTF-16 text without a byte order mark: in the first
// bytes, every other byte is zero (ASCII letters in UTF-16).
func looksUTF16(data []byte) bool {
	n := min(len(data), 512) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return (odd*10 >= half*9 && even == 0) || (even*10 >= half*9 && odd == 0)
}

// loneCRtoLF turns carriage returns not followed by a line feed into line
// feeds, so files with old Mac line ends read as rows. It copies the text
// only when there is something to change.
func loneCRtoLF(text []byte) []byte {
	i := bytes.IndexByte(text, '\r')
	for i >= 0 && i+1 < len(text) && text[i+1] == '\n' {
		j := bytes.IndexByte(text[i+1:], '\r')
		if j < 0 {
			return text
		}
		i += 1 + j
	}
	if i < 0 {
		return text
	}
	out := make([]byte, len(text))
	copy(out, text)
	for k := i; k < len(out); k++ {
		if out[k] == '\r' && (k+1 == len(out) || out[k+1] != '\n') {
			out[k] = '\n'
		}
	}
	return out
}

// delimiters are the separators a text file may use, in order of preference
// when the evidence ties.
var delimiters = []rune{',', ';', '\t', '|'}

// detectDelimiter guesses the separator from the first lines (outside
// quotes, skipping # comment lines): for each candidate it counts the lines
// that hold the most common non-zero number of it, and picks the candidate
// with the most such lines, then the most separators per line. A .tsv file
// prefers tabs on a tie. With no evidence it is a comma.
func detectDelimiter(text []byte, ext string) rune {
	sample := text[:min(len(text), 64<<10)]
	var lines [][4]int
	var cur [4]int
	inQuote, lineStart, comment := false, true, false
	for _, b := range sample {
		if lineStart {
			comment, lineStart = b == '#', false
		}
		switch {
		case b == '"':
			inQuote = !inQuote
		case b == '\n' && !inQuote:
			if !comment && cur != [4]int{} {
				lines = append(lines, cur)
			}
			cur, lineStart = [4]int{}, true
		case !inQuote:
			for k, d := range delimiters {
				if rune(b) == d {
					cur[k]++
				}
			}
		}
		if len(lines) >= 50 {
			break
		}
	}
	if !comment && cur != [4]int{} && len(lines) < 50 {
		lines = append(lines, cur)
	}
	best, bestLines, bestMode := ',', 0, 0
	if ext == ".tsv" {
		best = '\t'
	}
	for k, d := range delimiters {
		freq := map[int]int{}
		for _, l := range lines {
			if l[k] > 0 {
				freq[l[k]]++
			}
		}
		mode, n := 0, 0
		for c, f := range freq {
			if f > n || (f == n && c > mode) {
				mode, n = c, f
			}
		}
		if n == 0 {
			continue
		}
		if n > bestLines || (n == bestLines && mode > bestMode) || (n == bestLines && mode == bestMode && ext == ".tsv" && d == '\t') {
			best, bestLines, bestMode = d, n, mode
		}
	}
	return best
}
