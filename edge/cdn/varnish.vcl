vcl 4.1;
# The local CDN in front of Luna: what Cloudflare's cache does in production. Transformed
# images are immutable (Luna says so with Cache-Control), so a hit never reaches Luna and is
# never billed. @LUNA_HOST@ and @LUNA_PORT@ are filled in by the script that starts varnishd.

import xkey;

backend luna {
  .host = "@LUNA_HOST@";
  .port = "@LUNA_PORT@";
  .first_byte_timeout = 60s;
}

# Who may purge: the control plane (its purge outbox sends `PURGE /` with `xkey-purge: tag…`).
# Locally it runs on this machine; a Varnish elsewhere names the control plane's hosts here.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.url == "/healthz") {
    return (pass);
  }
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "purges come from the control plane only"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "a purge names its tags in xkey-purge"));
    }
    # Hard purge: a deleted original's transforms must not be served stale either.
    set req.http.n-gone = xkey.purge(req.http.xkey-purge);
    return (synth(200, "purged " + req.http.n-gone + " objects"));
  }
  # Anything else would be piped or passed to Luna; delivery URLs answer GET and HEAD only.
  if (req.method != "GET" && req.method != "HEAD") {
    return (synth(405, "delivery URLs answer GET and HEAD only"));
  }
  # Exactly one query parameter, sig (SPEC §3): anything more would split the cache, making
  # one signed URL into unlimited renders. No query at all is Luna's 403 (never cached).
  if (req.url ~ "\?" && req.url !~ "^[^?]*\?sig=[^&=]*$") {
    return (synth(400, "only one query parameter, sig, is allowed"));
  }
  # Signed URLs carry everything; nothing else may split or bypass the cache.
  unset req.http.Cookie;
  unset req.http.Authorization;
  # `format: "auto"` answers with Vary: Accept. Browsers send many spellings of Accept;
  # Luna distinguishes three, so the cache keeps at most three variants.
  if (req.http.Accept ~ "image/avif") {
    set req.http.Accept = "image/avif";
  } elsif (req.http.Accept ~ "image/webp") {
    set req.http.Accept = "image/webp";
  } else {
    set req.http.Accept = "*/*";
  }
}

sub vcl_backend_response {
  # A URL signed with `exp` says `max-age=<exp − now>`: once that ends it must not be served
  # stale (grace) or revalidated from a kept copy, or an expired URL keeps answering 200.
  if (beresp.http.Cache-Control !~ "immutable") {
    set beresp.grace = 0s;
    set beresp.keep = 0s;
  }
}

sub vcl_deliver {
  # Varnish's own X-Varnish (two ids on a hit) and Age say it too; this is for humans.
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
  # The surrogate keys are for this cache (xkey) and Cloudflare's (Cache-Tag), not clients.
  unset resp.http.xkey;
  unset resp.http.Cache-Tag;
}

# Errors Varnish answers itself look like Luna's: JSON naming the field, never cached.
sub vcl_synth {
  set resp.http.Content-Type = "application/json";
  set resp.http.Cache-Control = "no-store";
  if (resp.status == 405) {
    set resp.http.Allow = "GET, HEAD";
    set resp.http.x-field = "method";
    set resp.http.x-code = "method_not_allowed";
  } elsif (resp.status == 400 && req.method != "PURGE") {
    set resp.http.x-field = "query";
    set resp.http.x-code = "invalid_argument";
  } else {
    set resp.http.x-field = "";
    set resp.http.x-code = "purge";
  }
  set resp.body = {"{"error":{"code":""} + resp.http.x-code + {"","field":""} +
                  resp.http.x-field + {"","message":""} + resp.reason + {"""} + "}}";
  unset resp.http.x-field;
  unset resp.http.x-code;
  return (deliver);
}
