"""A tiny webhook receiver for trying the publication webhooks locally
(`make webhook-receiver`): it checks each POST's signature and prints one line.

A real front-end does the same: refuse a body whose X-Eventcal-Signature does
not verify with the endpoint's secret or is older than a few minutes, then
re-read the API URLs the body names.
"""

import argparse
import json
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

from wagtail_eventcal.webhooks.signing import HEADER, verify


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8009)
    parser.add_argument("--secret", default="demo-webhook-secret")
    options = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            signed = verify(
                options.secret,
                self.headers.get(HEADER, ""),
                body,
                delivery=self.headers.get("X-Eventcal-Delivery", ""),
                action=self.headers.get("X-Eventcal-Action", ""),
            )
            if not signed:
                print(f"{datetime.now():%H:%M:%S} REFUSED: bad or old signature", flush=True)
                self.send_response(401)
                self.end_headers()
                return
            data = json.loads(body)
            print(
                f"{datetime.now():%H:%M:%S} #{self.headers.get('X-Eventcal-Delivery')} "
                f"{data['action']} {data['type']} {data['id']} {data['urls']['ja']} "
                f"(signature ok, publication token {data['publication_token']})",
                flush=True,
            )
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    print(f"Listening on http://127.0.0.1:{options.port}/ (Ctrl-C to stop)", flush=True)
    HTTPServer(("127.0.0.1", options.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
