vcl 4.1;
# The local CDN in front of Luna: what Cloudflare's cache does in production. Transformed
# images are immutable (Luna says so with Cache-Control), so a hit never reaches Luna and is
# never billed. @LUNA_HOST@ and @LUNA_PORT@ are filled in by the script that starts varnishd.

backend luna {
  .host = "@LUNA_HOST@";
  .port = "@LUNA_PORT@";
  .first_byte_timeout = 60s;
}

sub vcl_recv {
  if (req.url == "/healthz") {
    return (pass);
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

sub vcl_deliver {
  # Varnish's own X-Varnish (two ids on a hit) and Age say it too; this is for humans.
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
