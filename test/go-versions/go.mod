module github.com/cdktf-okta-cloudflare-access/go-versions-oracle

go 1.22

require github.com/apparentlymart/go-versions v1.0.3
