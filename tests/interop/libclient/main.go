// libclient drives Apptainer's library client (Debian's golang-github-apptainer-container-library-client-dev)
// against a server, so that the interop tests exercise the real client code rather than our idea of it.
//
//	libclient -url URL [-token T] [-arch A] push FILE ENTITY/COLLECTION/CONTAINER TAG[,TAG...] [DESCRIPTION]
//	libclient -url URL [-token T] [-arch A] pull ENTITY/COLLECTION/CONTAINER TAG OUTFILE      (concurrent downloader)
//	libclient -url URL [-token T] [-arch A] pull-single ENTITY/COLLECTION/CONTAINER TAG OUTFILE
//	libclient -url URL [-token T] [-arch A] image REF                                       (prints the Image JSON)
//	libclient -url URL [-token T] [-arch A] search VALUE                                    (prints the results JSON)
//	libclient -url URL [-token T] [-arch A] delete REF
//	libclient -url URL version
//
// It prints one JSON document on stdout on success, the client's log on stderr with -v, and exits 1 with the
// client's error on stderr when the call fails.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	client "github.com/apptainer/container-library-client/client"
)

type stderrLogger struct{ verbose bool }

func (l stderrLogger) Log(v ...interface{}) {
	if l.verbose {
		fmt.Fprintln(os.Stderr, v...)
	}
}

func (l stderrLogger) Logf(format string, v ...interface{}) {
	if l.verbose {
		fmt.Fprintf(os.Stderr, format+"\n", v...)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "libclient:", err)
	os.Exit(1)
}

func printJSON(v interface{}) {
	out, err := json.Marshal(v)
	if err != nil {
		fail(err)
	}
	fmt.Println(string(out))
}

func main() {
	baseURL := flag.String("url", "", "library base URL")
	token := flag.String("token", "", "bearer token")
	arch := flag.String("arch", "amd64", "architecture")
	verbose := flag.Bool("v", false, "log the client's requests on stderr")
	flag.Parse()
	args := flag.Args()
	if *baseURL == "" || len(args) < 1 {
		fmt.Fprintln(os.Stderr, "usage: libclient -url URL [-token T] [-arch A] COMMAND ARGS...")
		os.Exit(2)
	}

	c, err := client.NewClient(&client.Config{BaseURL: *baseURL, AuthToken: *token, Logger: stderrLogger{*verbose}})
	if err != nil {
		fail(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()

	need := func(n int) {
		if len(args) < n+1 {
			fmt.Fprintf(os.Stderr, "libclient: %s needs %d arguments\n", args[0], n)
			os.Exit(2)
		}
	}

	switch args[0] {
	case "push":
		need(3)
		f, err := os.Open(args[1])
		if err != nil {
			fail(err)
		}
		defer f.Close()
		description := ""
		if len(args) > 4 {
			description = args[4]
		}
		res, err := c.UploadImage(ctx, f, args[2], *arch, strings.Split(args[3], ","), description, nil)
		if err != nil {
			fail(err)
		}
		printJSON(map[string]interface{}{"pushed": args[2], "complete": res})
	case "pull", "pull-single":
		need(3)
		out, err := os.Create(args[3])
		if err != nil {
			fail(err)
		}
		if args[0] == "pull" {
			spec := &client.Downloader{Concurrency: 3, PartSize: 5 * 1024 * 1024, BufferSize: 32 * 1024}
			err = c.ConcurrentDownloadImage(ctx, out, *arch, args[1], args[2], spec, nil)
		} else {
			err = c.DownloadImage(ctx, out, *arch, args[1], args[2], nil)
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(args[3])
			fail(err)
		}
		hash, err := client.ImageHash(args[3])
		if err != nil {
			fail(err)
		}
		printJSON(map[string]string{"pulled": args[1] + ":" + args[2], "hash": hash})
	case "image":
		need(1)
		image, err := c.GetImage(ctx, *arch, args[1])
		if err != nil {
			fail(err)
		}
		printJSON(image)
	case "search":
		need(1)
		results, err := c.Search(ctx, map[string]string{"value": args[1]})
		if err != nil {
			fail(err)
		}
		printJSON(results)
	case "delete":
		need(1)
		if err := c.DeleteImage(ctx, args[1], *arch); err != nil {
			fail(err)
		}
		printJSON(map[string]string{"deleted": args[1]})
	case "version":
		v, err := c.GetVersion(ctx)
		if err != nil {
			fail(err)
		}
		printJSON(v)
	default:
		fmt.Fprintln(os.Stderr, "libclient: unknown command", args[0])
		os.Exit(2)
	}
}
