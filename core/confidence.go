package core

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
)

// Perturbations is how many random weight sets the tier confidence tries.
const Perturbations = 1000

// PerturbationSpread is how far each weight moves: ±20 %.
const PerturbationSpread = 0.20

// ConfidenceSeed makes the perturbations the same on every run, so the
// confidence a user sees today is the one they see tomorrow.
const ConfidenceSeed = 20261125

// TierConfidence returns, for each partner, the share (0–1) of 1,000 random
// perturbations of the weights (each weight multiplied by a factor drawn
// uniformly from 0.8 to 1.2) under which the partner keeps the tier its score
// gives. A partner far from any threshold has confidence 1; one sitting on a
// threshold may have 0.5 or less. Overrides do not enter: the confidence is
// that of the computed tier.
func (e *Ecosystem) TierConfidence() []float64 {
	crit := e.Scorecard.Criteria
	nc, np := len(crit), len(e.Partners)
	out := make([]float64, np)
	if np == 0 || nc == 0 {
		return out
	}
	// norm holds each partner's normalised value per criterion, row by row,
	// so the inner loop is a short dot product over contiguous memory.
	norm := make([]float64, np*nc)
	base := make([]Tier, np)
	for i, p := range e.Partners {
		for j, c := range crit {
			if v, ok := p.Value(c.Key); ok {
				norm[i*nc+j] = c.normalise(v)
			}
		}
		s, _ := e.Scorecard.Score(p)
		base[i] = e.Thresholds.For(s)
	}
	// Draw every weight set first, from one seeded source, so the result
	// does not depend on how the work is split across cores.
	rng := rand.New(rand.NewPCG(ConfidenceSeed, uint64(nc)))
	weights := make([]float64, Perturbations*nc)
	scale := make([]float64, Perturbations)
	for k := 0; k < Perturbations; k++ {
		total := 0.0
		for j, c := range crit {
			w := c.Weight * (1 - PerturbationSpread + 2*PerturbationSpread*rng.Float64())
			weights[k*nc+j] = w
			total += w
		}
		if total > 0 {
			scale[k] = 100 / total
		}
	}
	// Partners rated alike share their confidence: on scales of 1 to 5 a
	// hundred thousand partners hold a few thousand distinct ratings, so each
	// is worked out once.
	first := make([]int, 0, min(np, 4096)) // the first partner of each rating
	of := make([]int, np)                  // partner → its rating in first
	seen := make(map[string]int, min(np, 4096))
	key := make([]byte, 0, nc*8+1)
	for i := range np {
		key = key[:0]
		for _, v := range norm[i*nc : i*nc+nc] {
			key = binary.LittleEndian.AppendUint64(key, math.Float64bits(v))
		}
		key = append(key, byte(len(base[i])))
		key = append(key, base[i]...)
		u, ok := seen[string(key)]
		if !ok {
			u = len(first)
			seen[string(key)] = u
			first = append(first, i)
		}
		of[i] = u
	}
	kept := make([]float64, len(first))
	th := e.Thresholds
	inParallel(len(first), perCore(len(first), 1), func(lo, hi int) {
		for u := lo; u < hi; u++ {
			i := first[u]
			row := norm[i*nc : i*nc+nc]
			n := 0
			for k := 0; k < Perturbations; k++ {
				ws := weights[k*nc : k*nc+nc]
				sum := 0.0
				for j, v := range row {
					sum += ws[j] * v
				}
				if th.For(Round2(sum*scale[k])) == base[i] {
					n++
				}
			}
			kept[u] = float64(n) / Perturbations
		}
	})
	for i, u := range of {
		out[i] = kept[u]
	}
	return out
}
