//go:build !race

package ls

const raceEnabled = false
