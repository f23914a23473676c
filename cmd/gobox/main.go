// Command gobox is the multicall binary: it hands its arguments to the
// runtime, which dispatches on the name it was invoked as.
package main

import (
	"os"

	_ "gobox/applets/all"
	"gobox/internal/applet"
)

func main() {
	os.Exit(applet.Main(os.Args))
}
