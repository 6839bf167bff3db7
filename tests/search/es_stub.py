"""A stub Elasticsearch server on 127.0.0.1 (a free port) for the backend's tests.

It keeps indexes, aliases and documents in memory, records every request, answers
like Elasticsearch 8 (with the ``X-Elastic-Product: Elasticsearch`` header the client
requires) and refuses what a real server would refuse: writing to a missing index,
an alias action on a missing index, a malformed bulk body. Searches return
``search_response`` (set by the test).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class StubElasticsearch:
    def __init__(self):
        self.requests = []
        self.product_header = True  # a real Elasticsearch sends it; the client requires it
        self.indexes = {}  # name → {"body": creation body, "docs": {id: source}}
        self.aliases = {}  # alias → set of index names
        self.search_response = {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        }
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, method, path_end):
        return [r for r in self.requests if r["method"] == method and r["path"].endswith(path_end)]

    def resolve(self, name):
        if name in self.aliases:
            targets = self.aliases[name]
            assert len(targets) == 1, f"alias {name} points to {targets}: cannot write"
            return next(iter(targets))
        return name

    # --- routes ---------------------------------------------------------------------
    def handle(self, method, path, query, body):
        parts = [part for part in path.split("/") if part]
        if parts == ["_bulk"]:
            return self.bulk(body)
        if parts == ["_aliases"] and method == "POST":
            return self.update_aliases(json.loads(body))
        if len(parts) == 2 and parts[0] == "_alias":
            alias = parts[1]
            if alias not in self.aliases:
                return 404, {"error": "alias missing", "status": 404}
            return 200, {index: {"aliases": {alias: {}}} for index in self.aliases[alias]}
        if parts[:2] == ["_search", "scroll"]:
            if method == "DELETE":
                return 200, {"succeeded": True, "num_freed": 1}
            return 200, {
                "_scroll_id": "s1",
                "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                "hits": {"total": {"value": 0}, "hits": []},
            }
        if len(parts) == 2 and parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if len(parts) == 2 and parts[1] == "_search":
            if "scroll" in query:  # helpers.scan: every id of the index
                docs = self.indexes[self.resolve(parts[0])]["docs"]
                hits = [{"_index": parts[0], "_id": pk, "_score": None} for pk in docs]
                return 200, {
                    "_scroll_id": "s1",
                    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                    "hits": {"total": {"value": len(hits)}, "hits": hits},
                }
            return 200, self.search_response
        if len(parts) == 1 and method == "PUT":
            if parts[0] in self.indexes:
                return 400, {"error": {"type": "resource_already_exists_exception"}, "status": 400}
            self.indexes[parts[0]] = {"body": json.loads(body), "docs": {}}
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            if self.indexes.pop(parts[0], None) is None:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
            return 200, {"acknowledged": True}
        return 400, {"error": f"stub does not know {method} {path}", "status": 400}

    def bulk(self, body):
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items, errors, position = [], False, 0
        while position < len(lines):
            ((action, meta),) = lines[position].items()
            index = self.resolve(meta["_index"])
            if index not in self.indexes:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
            docs = self.indexes[index]["docs"]
            if action == "index":
                docs[str(meta["_id"])] = lines[position + 1]
                items.append({"index": {"_index": index, "_id": str(meta["_id"]), "status": 201}})
                position += 2
            elif action == "delete":
                found = docs.pop(str(meta["_id"]), None) is not None
                items.append(
                    {
                        "delete": {
                            "_index": index,
                            "_id": str(meta["_id"]),
                            "status": 200 if found else 404,
                        }
                    }
                )
                errors = errors or not found
                position += 1
            else:
                return 400, {"error": f"bulk action {action}", "status": 400}
        return 200, {"took": 1, "errors": errors, "items": items}

    def update_aliases(self, body):
        for action in body["actions"]:
            ((kind, target),) = action.items()
            if target["index"] not in self.indexes:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
            members = self.aliases.setdefault(target["alias"], set())
            if kind == "add":
                members.add(target["index"])
            else:
                members.discard(target["index"])
        return 200, {"acknowledged": True}

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                stub.requests.append(
                    {
                        "method": self.command,
                        "path": url.path,
                        "query": parse_qs(url.query),
                        "headers": dict(self.headers),
                        "body": body,
                    }
                )
                status, payload = stub.handle(self.command, url.path, parse_qs(url.query), body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                if stub.product_header:
                    self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header(
                    "Content-Length", "0" if self.command == "HEAD" else str(len(data))
                )
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        return Handler
