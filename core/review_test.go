package core

import (
	"testing"
	"time"
)

func TestReview(t *testing.T) {
	r := NewReview(time.Date(2026, 11, 25, 15, 4, 0, 0, time.UTC))
	if !r.Last.IsZero() || !r.Next.Equal(time.Date(2027, 5, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("NewReview = %+v", r)
	}
	r.MarkReviewed(time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC))
	if !r.Next.Equal(time.Date(2027, 7, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("next after review = %v", r.Next)
	}
	if r.Overdue(time.Date(2027, 7, 10, 23, 0, 0, 0, time.UTC)) || !r.Overdue(time.Date(2027, 7, 11, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Overdue wrong around %v", r.Next)
	}
}
