package core

import "time"

// ReviewInterval is how long after a review the next is due: DESIGN.md asks
// for a review of the ecosystem at least twice a year.
const ReviewMonths = 6

// Review is the cadence at which the ecosystem is looked at again.
type Review struct {
	Last time.Time // the date of the last review; zero when never reviewed
	Next time.Time // when the next review is due
}

// NewReview starts the cadence: nothing reviewed yet, the first review due
// six months from today.
func NewReview(today time.Time) Review {
	return Review{Next: Date(today).AddDate(0, ReviewMonths, 0)}
}

// MarkReviewed records a review on day and sets the next one six months later.
func (r *Review) MarkReviewed(day time.Time) {
	r.Last = Date(day)
	r.Next = r.Last.AddDate(0, ReviewMonths, 0)
}

// Overdue says whether the next review date has passed.
func (r Review) Overdue(today time.Time) bool {
	return !r.Next.IsZero() && Date(today).After(r.Next)
}

// Date drops the time of day, in UTC, so review dates compare as calendar days.
func Date(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
