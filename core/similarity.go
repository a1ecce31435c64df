package core

import (
	"hash/maphash"
	"slices"
	"sort"
	"strings"
)

// FuzzySimilarity is the lowest FuzzyScore (the Dice coefficient over letter
// pairs of the two names after expandName, 0–1) at which two names that
// share a loose key count as a fuzzy match. Names only become candidates when
// they have the same words once abbreviations, plurals, small words and word
// order are set aside ("Stark Industries Intl" and "Stark Industries
// International" score 1.0, "University of Leeds" and "Leeds University"
// 0.92); the threshold keeps out the rare candidates whose keys only agree
// because words were joined differently.
const FuzzySimilarity = 0.80

// abbreviation expands the short forms company lists use. A switch, not a
// map: it runs for every word of millions of names.
func abbreviation(w string) (string, bool) {
	switch w {
	case "intl", "int":
		return "international", true
	case "tech", "technologies":
		return "technology", true
	case "univ":
		return "university", true
	case "mfg":
		return "manufacturing", true
	case "svcs":
		return "services", true
	case "svc", "serv":
		return "service", true
	case "assoc":
		return "association", true
	case "natl":
		return "national", true
	case "sys":
		return "systems", true
	case "labs", "lab":
		return "laboratories", true
	case "ctr", "centre":
		return "center", true
	case "dept":
		return "department", true
	case "grp":
		return "group", true
	case "cos", "companies":
		return "company", true
	case "hldgs":
		return "holdings", true
	case "mgmt":
		return "management", true
	case "pharma":
		return "pharmaceuticals", true
	case "bros":
		return "brothers", true
	case "st":
		return "saint", true
	case "mt":
		return "mount", true
	case "fin":
		return "financial", true
	case "bancorporation":
		return "bancorp", true
	case "ins":
		return "insurance", true
	}
	return w, false
}

// isSmallWord says whether w carries no identity in a company name.
func isSmallWord(w string) bool {
	switch w {
	case "of", "and", "the", "de", "du", "la", "for":
		return true
	}
	return false
}

// expandName reduces a normalised name further, for fuzzy matching:
// abbreviations expanded ("intl" → "international"), a plural s dropped,
// "of", "and", "the" and similar small words removed unless they lead the
// name ("du pont"), initials written apart joined ("c h robinson" → "ch
// robinson", as "C.H. Robinson" gives), and a web address's "com" cut from
// the word NormaliseName glued it to ("amazoncom" → "amazon com").
// It appends the words to dst, which lets looseKey keep them on the stack.
func expandName(dst []string, norm string) []string { return expandWords(dst, norm, -1) }

// expandWords is expandName stopping after the first limit words (all of
// them when limit < 0): the distinctive-word lookup needs only two.
func expandWords(dst []string, norm string, limit int) []string {
	start := len(dst)
	initials := false // the last word appended is initials: "c", "ch"
	for len(norm) > 0 {
		// the next word, by a loop: names' words are short, and
		// strings.Cut's search cost more than the loop
		i := 0
		for i < len(norm) && norm[i] != ' ' {
			i++
		}
		w := norm[:i]
		norm = norm[min(i+1, len(norm)):]
		if w == "" || len(w) <= 3 && isSmallWord(w) && len(dst) > start {
			continue // a small word leading the name is part of it: "Du Pont"
		}
		if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
			if initials {
				dst[len(dst)-1] += w // rare: initials written apart
				continue
			}
			if len(dst)-start == limit {
				break
			}
			dst = append(dst, w)
			initials = true
			continue
		}
		if len(dst)-start == limit {
			break
		}
		initials = false
		com := len(w) >= 7 && strings.HasSuffix(w, "com")
		if com {
			w = w[:len(w)-3] // "amazoncom", as "Amazon.com" normalises
		}
		if len(w) <= 12 {
			w, _ = abbreviation(w)
		}
		if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
			w = w[:len(w)-1]
		}
		dst = append(dst, w)
		if com && len(dst)-start != limit {
			dst = append(dst, "com")
		}
	}
	return dst
}

// looseKey is the expanded name's words sorted and joined, so one lookup
// finds "Leeds University" for "University of Leeds" and "Stark Industries
// International" for "Stark Industries Intl".
func looseKey(norm string) string {
	var stack [12]string
	words, n := looseWords(stack[:0], norm)
	if n < 4 {
		return "" // too short to compare loosely
	}
	var b strings.Builder
	b.Grow(n)
	for _, w := range words {
		b.WriteString(w)
	}
	return b.String()
}

// looseWords appends the expanded name's words to dst, sorted, and returns
// them with their total length: what looseKey joins and looseKeyHash hashes.
func looseWords(dst []string, norm string) ([]string, int) {
	return sortWords(expandName(dst, norm))
}

// sortWords sorts a name's expanded words in place and returns them with
// their total length.
func sortWords(words []string) ([]string, int) {
	// insertion sort: names have few words
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && words[j] < words[j-1]; j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	n := 0
	for _, w := range words {
		n += len(w)
	}
	return words, n
}

// looseKeyHash is the hash of looseKey(norm) without building the key;
// false when the key is too short to compare loosely.
func looseKeyHash(norm string) (uint64, bool) {
	var stack [12]string
	words, n := looseWords(stack[:0], norm)
	if n < 4 {
		return 0, false
	}
	return hashWords(words), true
}

// hashWords hashes the words as one string; never 0, which marks "no key".
// The words are joined on the stack and hashed at once when they fit, which
// is the same hash (maphash hashes what was written, however split) for
// less work than a write each.
func hashWords(words []string) uint64 {
	var buf [128]byte
	joined := buf[:0]
	for _, w := range words {
		if len(joined)+len(w) > len(buf) {
			var h maphash.Hash
			h.SetSeed(hashSeed)
			for _, w := range words {
				h.WriteString(w)
			}
			return h.Sum64() | 1
		}
		joined = append(joined, w...)
	}
	return maphash.Bytes(hashSeed, joined) | 1
}

// FuzzyScore is the similarity of two normalised names once expanded:
// letter pairs compared in the words' own order, so a changed word order
// costs a little and an expanded abbreviation nothing.
func FuzzyScore(a, b string) float64 {
	return Similarity(strings.Join(expandName(nil, a), " "), strings.Join(expandName(nil, b), " "))
}

// Similarity is the Dice coefficient of the two strings' letter pairs
// (spaces ignored): 1 for the same letters in the same pairs, 0 for nothing
// in common.
func Similarity(a, b string) float64 {
	pa, pb := letterPairs(a), letterPairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		if a == b {
			return 1
		}
		return 0
	}
	sort.Slice(pa, func(i, j int) bool { return pa[i] < pa[j] })
	sort.Slice(pb, func(i, j int) bool { return pb[i] < pb[j] })
	common := 0
	for i, j := 0, 0; i < len(pa) && j < len(pb); {
		switch {
		case pa[i] == pb[j]:
			common++
			i++
			j++
		case pa[i] < pb[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(pa)+len(pb))
}

func letterPairs(s string) []uint64 {
	var rs []rune
	for _, r := range s {
		if r != ' ' {
			rs = append(rs, r)
		}
	}
	if len(rs) < 2 {
		return nil
	}
	out := make([]uint64, len(rs)-1)
	for i := range out {
		out[i] = uint64(rs[i])<<32 | uint64(rs[i+1])
	}
	return out
}

// A company renamed, or written by its brand on one list and by its legal
// name on the other, keeps the word it is known by: "Cisco" and "Cisco
// Systems, Inc.", "Amazon" and "Amazon.com Inc", "Roper Industries" and
// "Roper Technologies", "Wal-Mart Stores" and "Walmart". Such names share
// neither the normalised name nor the loose key; they are proposed as fuzzy
// matches when the word they share is distinctive, which takes all of:
//
//   - It leads both names. The word a company is known by comes first; a
//     word shared further on ("Polo Ralph Lauren", "Ralph Lauren") is too
//     often a word of the trade to go on.
//   - It leads no other company's name on either list (AccountIndex.byLead):
//     counted over the normalised names of both lists, the word starts
//     exactly the two names, one on each side. Frequency rules most common
//     words out: "American", "First" or "General" start dozens of names on
//     any real list. On a short list a common word can start one name by
//     chance ("First Solar" on ours, "First Republic" on theirs), so
//     commonWord also refuses the few words that say nothing on their own,
//     whatever their count.
//   - It has four letters or more. A shorter word is often initials, which
//     many companies share: it counts only beside the word alone ("HCA
//     Healthcare" and "HCA", "F5 Networks" and "F5").
//   - One name is the other with words added ("Cisco", "Cisco Systems");
//     or else every other word of both names only says what kind of
//     company it is (descriptorWord: "Roper Industries", "Roper
//     Technologies"), or the names start with the same two uncommon words
//     ("Molson Coors Brewing", "Molson Coors Beverage"). Two companies that
//     merely share a first word differ in their other words ("Camden
//     Property Trust", "Camden National"): on the S&P 500 against Nasdaq's
//     4,675 companies, that case alone made one proposal in ten wrong.
//
// When the first word is common or leads several companies' names, the
// first two words are the key instead, read as one word so that "Super Micro
// Computer" meets "Supermicro" and "Wal-Mart Stores" meets "Walmart"
// ("ge healthcare", "american tower", "capital one"); two common words
// ("First Financial") are no key.

// Confidence of a distinctive-word match: below every name match; highest
// when one name is the other with words added (a brand beside its legal
// name), lower when the other words changed, and lower again
// (sharedWordWeaker) when the key took two words, the word is short, or the
// words added say more than what kind of company it is ("Target
// Hospitality" beside "Target").
const (
	SharedWordPrefixConfidence = 0.75
	SharedWordConfidence       = 0.65
	sharedWordWeaker           = 0.05
)

// commonWord says whether w, an expanded word (singular, abbreviations
// written out), says nothing on its own about which company a name is:
// words of place, size or rank, and the words of a trade or a legal form
// that start many company names. The list is short on purpose: on lists of
// any size the count rules most common words out, and every word here is a
// company that can no longer be found by its first word alone.
func commonWord(w string) bool {
	switch w {
	case "american", "america", "first", "general", "united", "national", "international",
		"global", "world", "universal", "group", "holding", "bank", "bancorp", "bancshare",
		"energy", "financial", "technology", "system", "service", "solution", "industrie",
		"industry", "company", "corporation", "enterprise", "partner", "capital", "investment",
		"trust", "fund", "resource", "communication", "network", "new", "north", "south",
		"east", "west", "northern", "southern", "eastern", "western", "central", "pacific",
		"atlantic", "great", "royal", "standard", "premier", "advanced", "applied", "allied",
		"consolidated", "continental", "federal", "public", "community", "citizen", "people",
		"home", "city", "state", "us", "usa", "china", "asia", "euro", "european", "old",
		"alliance", "union", "mutual", "life", "insurance", "acquisition", "medical":
		return true
	}
	return false
}

// descriptorWord says whether w, an expanded word, only says what kind of
// company a name is: the words a company changes when it is renamed and
// stays itself ("Roper Industries" → "Roper Technologies", "X Foods" → "X
// Brands"). Words of a trade are not: "Constellation Brands" and
// "Constellation Energy" are two companies.
func descriptorWord(w string) bool {
	switch w {
	case "group", "holding", "brand", "industrie", "industry", "international", "global",
		"worldwide", "enterprise", "company", "corporation", "partner", "solution",
		"technology", "system", "service", "product", "venture", "food", "innovation",
		"america", "usa", "us", "inc", "com":
		return true
	}
	return false
}

// leadKeys returns the keys a name is looked up by for a distinctive word:
// its first expanded word, and its first two read as one word; "" for a key
// that can never be distinctive (a common word, two common words, a word of
// one letter).
func leadKeys(norm string) (one, two string) {
	var stack [2]string
	w := expandWords(stack[:0], norm, 2)
	if len(w) > 0 && leadWord(w[0]) {
		one = w[0]
	}
	if len(w) > 1 && leadPair(w[0], w[1]) {
		two = w[0] + w[1]
	}
	return one, two
}

// leadKeyHashes is the hashes of leadKeys without building the joined key;
// 0 for no key.
func leadKeyHashes(norm string) (one, two uint64) {
	var stack [2]string
	return leadHashes(expandWords(stack[:0], norm, 2))
}

// nameKeyHashes is looseKeyHash and leadKeyHashes from one expansion of the
// name: what indexing our list computes for every name.
func nameKeyHashes(norm string) (loose, one, two uint64) {
	var stack [12]string
	words := expandName(stack[:0], norm)
	one, two = leadHashes(words) // before sortWords reorders them
	words, n := sortWords(words)
	if n < 4 {
		return 0, one, two
	}
	return hashWords(words), one, two
}

// leadHashes hashes the lead keys of a name's expanded words. The second
// key's hash is that of the two words read as one: the same as the first
// key's hash of a name that writes them as one word.
func leadHashes(w []string) (one, two uint64) {
	if len(w) == 0 {
		return 0, 0
	}
	common := commonWord(w[0])
	if len(w[0]) >= 2 && !common && hasLetter(w[0]) {
		one = maphash.String(hashSeed, w[0]) | 1
	}
	if len(w) > 1 && len(w[0])+len(w[1]) >= 5 && !(common && commonWord(w[1])) {
		// the two words read as one, in a buffer on the stack: a name of
		// a million is hashed twice here
		var buf [64]byte
		two = maphash.Bytes(hashSeed, append(append(buf[:0], w[0]...), w[1]...)) | 1
	}
	return one, two
}

// leadWord says whether a name's first word can be a distinctive word
// (leadHashes decides the same).
func leadWord(w string) bool { return len(w) >= 2 && !commonWord(w) && hasLetter(w) }

// leadPair says whether a name's first two words can be a distinctive key
// (leadHashes decides the same).
func leadPair(a, b string) bool {
	return len(a)+len(b) >= 5 && !(commonWord(a) && commonWord(b))
}

func hasLetter(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 'a' && w[i] <= 'z' || w[i] >= 0x80 {
			return true
		}
	}
	return false
}

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

// sharedWord decides whether our normalised name ours and their theirs,
// found under the same lead key, are a distinctive-word match: key, a lead
// key of theirs, must lead ours too, and be distinctive for this pair (see
// above). oursFull and theirsFull say whether each list wrote the name in
// full (writtenInFull). It returns the shared word(s) and the match's
// confidence. That no other company's name starts with the key is the
// index's to check.
func sharedWord(ours, theirs, key string, oursFull, theirsFull bool) (shared string, confidence float64, ok bool) {
	if key == "" {
		return "", 0, false
	}
	a, b := expandName(nil, ours), expandName(nil, theirs)
	na, nb := leadSide(a, key), leadSide(b, key)
	if na == 0 || nb == 0 {
		return "", 0, false
	}
	short := len(key) < 4
	if short && (len(a) > 1 && len(b) > 1 || len(key) < 3 && !hasDigit(key)) {
		return "", 0, false // initials: only beside the word alone, and "f5" not "ge"
	}
	weaker := na == 2 || nb == 2 || short // two words for a key, or initials
	ka, kb := startsWith(a, b), startsWith(b, a)
	switch {
	case ka > 0 || kb > 0:
		// one name is the other with words added: a brand beside its
		// legal name, unless the shorter name is a legal name already
		// ("Target Corporation" is not "Target Hospitality Corp."), when
		// the words added may only say what kind of company it is
		added, shortFull := b[kb:], oursFull
		if ka > 0 {
			added, shortFull = a[ka:], theirsFull
		}
		confidence = SharedWordPrefixConfidence
		if len(added) > 0 && !describesOnly(added) {
			if shortFull {
				return "", 0, false
			}
			weaker = true // "Cisco Systems" beside "Cisco" is surer than "Costco Wholesale" beside "Costco"
		}
	case describesOnly(a[na:]) && describesOnly(b[nb:]):
		confidence = SharedWordConfidence
	case sameTwoWords(a, b):
		confidence, weaker = SharedWordConfidence, true
	default:
		return "", 0, false
	}
	if weaker {
		confidence -= sharedWordWeaker
	}
	shared = leadText(theirs, nb)
	if c := commonStart(ours, theirs); len(c) > len(shared) {
		shared = c // "take two interactive" says more than "take"
	}
	return shared, confidence, true
}

// commonStart is the whole words two normalised names start with alike:
// "take two interactive" for "take two interactive" and "take two
// interactive software"; "" when their first words differ.
func commonStart(a, b string) string {
	n := 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if (i+1 == len(a) || a[i+1] == ' ') && (i+1 == len(b) || b[i+1] == ' ') {
			n = i + 1
		}
	}
	return a[:n]
}

// writtenInFull says whether a company's name, as its list writes it,
// ends in a legal form ("Target Corporation", "Block, Inc.", "Acme S.A."):
// it is then the company's legal name, and a longer name that adds more
// than descriptor words to it ("Target Hospitality Corp.") is another
// company's, not the same company's legal name beside its brand. Group
// forms (Group, Holdings) do not count: they are often a brand's parent
// renamed ("HCA Holdings" → "HCA Healthcare"). Share-class words at the
// end ("Class A", "Common Stock") are passed over. It runs only for the
// rare pairs findSharedWord confirms.
func writtenInFull(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(name, ".", "")), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	for k := len(words) - 1; k >= 0; k-- {
		switch w := words[k]; {
		case w == "class" || len(w) == 1 || shareNoise[w]:
			continue
		case w == "group" || w == "holdings" || w == "holding":
			return false
		default:
			return legalSuffixes[w]
		}
	}
	return false
}

// leadText is the shortest start of the normalised name norm that makes
// its first n expanded words, as the name writes them: "jacobs" for the
// key "jacob", "c h robinson" for "chrobinson"; the expanded words when no
// start of the name makes them ("amazon" for "amazoncom").
func leadText(norm string, n int) string {
	want := expandWords(nil, norm, n)
	for end := 1; end <= len(norm); end++ {
		if (end == len(norm) || norm[end] == ' ') && slices.Equal(expandName(nil, norm[:end]), want) {
			return norm[:end]
		}
	}
	return strings.Join(want, " ")
}

// leadSide says how many of the first words of words make key: 1, 2 (the
// two read as one), or 0 when they do not.
func leadSide(words []string, key string) int {
	if len(words) > 0 && words[0] == key {
		return 1
	}
	if len(words) > 1 && len(words[0])+len(words[1]) == len(key) &&
		strings.HasPrefix(key, words[0]) && key[len(words[0]):] == words[1] {
		return 2
	}
	return 0
}

// sameTwoWords says whether two names start with the same two words, neither
// of them common.
func sameTwoWords(a, b []string) bool {
	return len(a) > 2 && len(b) > 2 && a[0] == b[0] && a[1] == b[1] && !commonWord(a[0]) && !commonWord(a[1])
}

// describesOnly says whether words, the rest of a name after its
// distinctive word, are all descriptor words; false for no words.
func describesOnly(words []string) bool {
	for _, w := range words {
		if !descriptorWord(w) {
			return false
		}
	}
	return len(words) > 0
}

// startsWith returns how many words of long the letters of short are the
// first letters of, ending where a word of long ends, or 0: "walmart"
// starts "wal mart store" (2), "cisco" starts "cisco system" (1),
// "dominion resource" does not start "dominion energy".
func startsWith(long, short []string) int {
	s := strings.Join(short, "")
	n := 0
	for k, w := range long {
		n += len(w)
		if n == len(s) {
			if strings.HasPrefix(strings.Join(long, ""), s) {
				return k + 1
			}
			return 0
		}
		if n > len(s) {
			return 0
		}
	}
	return 0
}
