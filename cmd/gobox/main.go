// Command gobox is the multicall binary: it hands the applet table and its
// arguments to the runtime, which dispatches on the name it was invoked as.
package main

import (
	"os"

	"gobox/applets/all"
	"gobox/internal/applet"
)

func main() {
	applet.Use(all.List)
	os.Exit(applet.Main(os.Args))
}
