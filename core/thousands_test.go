package core

import "testing"

func TestThousands(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {87347, "87,347"}, {1000000, "1,000,000"},
		{-7, "-7"}, {-123, "-123"}, {-1234, "-1,234"}, {-1234567, "-1,234,567"},
	} {
		if got := Thousands(tt.n); got != tt.want {
			t.Errorf("Thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
