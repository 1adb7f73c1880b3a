// Command pause is the sandbox ("pause") container of the real-container e2e
// tier: PID 1 of every pod sandbox. It holds the pod's namespaces open, reaps
// orphaned children and exits on SIGTERM/SIGINT. Built static (CGO_ENABLED=0)
// and packed into a scratch image by e2e/images.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGCHLD)
	for s := range sigs {
		if s != syscall.SIGCHLD {
			os.Exit(0)
		}
		for {
			var ws syscall.WaitStatus
			if pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil); pid <= 0 || err != nil {
				break
			}
		}
	}
}
