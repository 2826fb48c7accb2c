// Terraform's own reading of provider version constraints, for the
// differential test of src/private/provider-versions.ts (differential.ts):
// apparentlymart/go-versions, the library Terraform parses and evaluates
// `required_providers` versions with (ParseRubyStyleMulti, then
// MeetingConstraints, as Terraform's getproviders package does).
//
// Input: one JSON object per line, {"constraint": "...", "versions": ["1.2.3", ...]}.
// Output: one JSON object per line, {"error": "..."} or {"allowed": [true, false, ...]}.
package main

import (
	"bufio"
	"encoding/json"
	"os"

	"github.com/apparentlymart/go-versions/versions"
	"github.com/apparentlymart/go-versions/versions/constraints"
)

type request struct {
	Constraint string   `json:"constraint"`
	Versions   []string `json:"versions"`
}

type response struct {
	Error   string `json:"error,omitempty"`
	Allowed []bool `json:"allowed,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			panic(err)
		}
		spec, err := constraints.ParseRubyStyleMulti(req.Constraint)
		if err != nil {
			_ = out.Encode(response{Error: err.Error()})
			continue
		}
		set := versions.MeetingConstraints(spec)
		allowed := make([]bool, len(req.Versions))
		for i, v := range req.Versions {
			allowed[i] = set.Has(versions.MustParseVersion(v))
		}
		_ = out.Encode(response{Allowed: allowed})
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
}
