//go:build race

package ls

// raceEnabled: the race detector adds memory of its own, which varies
// from run to run, so memory bounds do not hold under it.
const raceEnabled = true
