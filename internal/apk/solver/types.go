// Package solver chooses the packages apk installs (apk.md section 7):
// world constraints, provides, virtual names, install_if, conflicts,
// repository tags, keeping or upgrading installed versions; it orders the
// resulting changes (7.8) and writes apk's error report when the
// constraints cannot be met (7.9).
//
// It takes its input through the small types below, not through the
// index parser: the applet maps repositories and the installed database
// to them. The same input always gives the same answer in the same order.
package solver

import "gobox/internal/apk/dep"

// Package is one package the solver may choose: available in some
// repositories, installed, or both (listed once).
type Package struct {
	Name     string
	Version  string
	Identity string    // Q1... (for "name><Q1..." world entries)
	Provides []dep.Dep // p: entries; Version "" marks a virtual provide
	Depends  []dep.Dep
	// InstallIf (i:) makes the package install itself when every entry
	// holds for the packages chosen.
	InstallIf        []dep.Dep
	ProviderPriority int // k:

	Repos     []int  // indexes into Request.Repos of the repositories holding it
	Installed bool   // in the installed database
	Tag       string // for an installed package, the tag it was installed with (s:)
}

// Repository is one source of packages; its index is its position in
// Request.Repos (the first listed is preferred; the cache counts first).
type Repository struct {
	Tag string // "" for an untagged repository
}

// Flags are the per-name requests of a command (7.3).
type Flags uint8

const (
	Upgrade   Flags = 1 << iota // prefer the newest version (upgrade, add -u)
	Latest                      // newest even if it breaks something (-l)
	Available                   // reset to repository versions (upgrade -a)
	Installed                   // keep the installed version (upgrade --ignore)
	Reinstall                   // reinstall the chosen package (fix)
	// Inherit passes a name's Reinstall on to every package its chosen
	// package pulls in: the providers chosen for its dependencies and
	// the install_if packages it helps trigger, recursively, as apk's
	// inheritable solver flags do for "apk fix -d".
	Inherit
)

// Request is what the solver is asked.
type Request struct {
	World    []dep.Dep
	Packages []*Package
	Repos    []Repository
	// Flags apply to every name; NameFlags add to them per name and are
	// inherited by the dependencies of the package chosen for it.
	Flags     Flags
	NameFlags map[string]Flags
	// Width is the wrapping width of the error report (50 when stdout
	// is not a terminal).
	Width int
}

// Verb is the kind of a change.
type Verb uint8

const (
	Install Verb = iota
	Purge
	Upgrading
	Downgrading
	Reinstalling
	Replacing
	Pinning // the same package, now from another repository tag
)

// Change is one step of the transaction, applied in order.
type Change struct {
	Old, New *Package // Old nil: install; New nil: removal
	Tag      string   // repository tag New comes from ("" untagged)
	Verb     Verb
}

// Solution is the solver's answer.
type Solution struct {
	Changes []Change
	// Packages is what is installed after the changes, in change order.
	Packages []*Package
	// Errors is the number of problems apk would count (its exit status,
	// capped at 99 by the caller); 0 means the changes may be applied.
	Errors int
	// Report is apk's error report ("ERROR: unable to select
	// packages:\n..."), set when Errors > 0.
	Report string
}
