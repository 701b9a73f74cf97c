"""curl as the client of both servers: the library API push/pull sequence for ours, the registry v2 API for
distribution. Times are curl's own (%{time_total}, summed over a sequence's requests), so process start-up is
never billed to either server."""
import hashlib
import json
import subprocess

CONFIG_BLOB = b'{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'
CONFIG_DIGEST = hashlib.sha256(CONFIG_BLOB).hexdigest()
MARK = "\n@@curl@@"


class Reply:
    def __init__(self, status, body, seconds, location):
        self.status, self.body, self.seconds, self.location = status, body, seconds, location

    def json(self):
        try:
            return json.loads(self.body or "{}")
        except ValueError:
            return {}

    def data(self):
        return self.json().get("data") or {}


def curl(method, url, token=None, body=None, upload=None, content_type=None, output=None, extra=()):
    """One request; body is a str/bytes sent as is, upload a file path streamed with -T."""
    # -I for HEAD: with -X HEAD curl would wait for a body that never comes. "Expect:" off for both servers: no
    # 100-continue round trip before an upload.
    verb = ["-I"] if method == "HEAD" else ["-X", method]
    args = ["curl", "-sS", *verb, "-H", "Expect:", "-w", MARK + "%{http_code} %{time_total} %header{location}"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    if content_type:
        args += ["-H", f"Content-Type: {content_type}"]
    if body is not None:
        args += ["--data-binary", "@-"]
    if upload:
        args += ["-T", upload]
    if output:
        args += ["-o", output]
    args += list(extra) + [url]
    data = body.encode() if isinstance(body, str) else body
    result = subprocess.run(args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    text = result.stdout.decode(errors="replace")
    head, _, tail = text.rpartition(MARK)
    fields = tail.split(" ", 2)
    if result.returncode != 0 or len(fields) < 2:
        raise RuntimeError(f"curl {method} {url}: {result.stderr.decode(errors='replace').strip()}")
    return Reply(int(fields[0]), head, float(fields[1]), fields[2].strip() if len(fields) > 2 else "")


def _expect(reply, statuses, what):
    if reply.status not in statuses:
        raise RuntimeError(f"{what}: HTTP {reply.status} {reply.body[:300]}")
    return reply


class LibraryClient:
    """Our library API, driven as the Go library client drives it (see LibraryPusher.cpp for the sequence)."""

    def __init__(self, url, token, entity="bench"):
        self.url, self.token, self.entity = url, token, entity

    def _call(self, method, path, **kw):
        return curl(method, self.url + path, token=self.token, **kw)

    def _lookup_or_create(self, path, create_path, body, seconds):
        reply = self._call("GET", path)
        seconds.append(reply.seconds)
        if reply.status == 404:
            reply = self._call("POST", create_path, body=json.dumps(body))
            seconds.append(reply.seconds)
        return _expect(reply, (200, 201), path).data()["id"]

    def push(self, path, sha256_hex, size, collection, container, tag, arch="amd64"):
        """Returns the seconds the whole sequence took (sum of curl's request times)."""
        seconds = []
        e = self.entity
        seconds.append(_expect(self._call("GET", "/version"), (200,), "/version").seconds)
        self._lookup_or_create(f"/v1/entities/{e}", "/v1/entities", {"name": e}, seconds)
        coll_id = self._lookup_or_create(f"/v1/collections/{e}/{collection}", "/v1/collections",
                                         {"name": collection, "entity": e}, seconds)
        cont_id = self._lookup_or_create(f"/v1/containers/{e}/{collection}/{container}", "/v1/containers",
                                         {"name": container, "collection": coll_id}, seconds)
        image = self._call("GET", f"/v1/images/{e}/{collection}/{container}:sha256.{sha256_hex}?arch={arch}")
        seconds.append(image.seconds)
        if image.status == 404:
            image = self._call("POST", "/v1/images", body=json.dumps(
                {"hash": f"sha256.{sha256_hex}", "container": cont_id, "uploaded": False}))
            seconds.append(image.seconds)
        data = _expect(image, (200, 201), "image").data()
        if not data.get("uploaded"):
            url = _expect(self._call("POST", f"/v2/imagefile/{data['id']}",
                                     body=json.dumps({"filesize": size, "sha256sum": sha256_hex})),
                          (200,), "POST /v2/imagefile")
            seconds.append(url.seconds)
            put = _expect(curl("PUT", url.data()["uploadURL"], upload=path,
                               content_type="application/octet-stream"), (200,), "PUT uploadURL")
            seconds.append(put.seconds)
            done = _expect(self._call("PUT", f"/v2/imagefile/{data['id']}/_complete", body="{}"), (200, 204),
                           "_complete")
            seconds.append(done.seconds)
        seconds.append(_expect(self._call("GET", "/version"), (200,), "/version").seconds)
        seconds.append(_expect(self._call("GET", f"/v2/tags/{cont_id}"), (200,), "GET v2/tags").seconds)
        tagged = _expect(self._call("POST", f"/v2/tags/{cont_id}",
                                    body=json.dumps({"Arch": arch, "Tag": tag, "ImageID": data["id"]})),
                         (200,), "POST v2/tags")
        seconds.append(tagged.seconds)
        return sum(seconds)

    def pull_url(self, collection, container, tag, arch="amd64"):
        return f"{self.url}/v1/imagefile/{self.entity}/{collection}/{container}:{tag}?arch={arch}"

    def pull(self, collection, container, tag, output="/dev/null"):
        """Returns (seconds, bytes)."""
        reply = _expect(curl("GET", self.pull_url(collection, container, tag), token=self.token, output=output,
                             extra=["-L"]), (200,), "pull")
        return reply.seconds


class DistributionClient:
    """distribution's registry v2 API, driven as `docker push`/`docker pull` drive it, one layer per image."""

    def __init__(self, url):
        self.url = url

    def _upload_blob(self, repository, digest_hex, seconds, path=None, data=None):
        head = curl("HEAD", f"{self.url}/v2/{repository}/blobs/sha256:{digest_hex}")
        seconds.append(head.seconds)
        if head.status == 200:
            return
        start = _expect(curl("POST", f"{self.url}/v2/{repository}/blobs/uploads/", body=b""), (202,),
                        "POST blobs/uploads")
        seconds.append(start.seconds)
        location = start.location if start.location.startswith("http") else self.url + start.location
        target = location + ("&" if "?" in location else "?") + f"digest=sha256:{digest_hex}"
        put = curl("PUT", target, upload=path, body=data, content_type="application/octet-stream")
        seconds.append(_expect(put, (201,), "PUT blob").seconds)

    def push(self, path, sha256_hex, size, repository, tag):
        seconds = []
        self._upload_blob(repository, sha256_hex, seconds, path=path)
        self._upload_blob(repository, CONFIG_DIGEST, seconds, data=CONFIG_BLOB)
        manifest = json.dumps({
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": len(CONFIG_BLOB),
                       "digest": f"sha256:{CONFIG_DIGEST}"},
            "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": size,
                        "digest": f"sha256:{sha256_hex}"}],
        })
        put = curl("PUT", f"{self.url}/v2/{repository}/manifests/{tag}", body=manifest,
                   content_type="application/vnd.docker.distribution.manifest.v2+json")
        seconds.append(_expect(put, (201,), "PUT manifest").seconds)
        return sum(seconds)

    def blob_url(self, repository, sha256_hex):
        return f"{self.url}/v2/{repository}/blobs/sha256:{sha256_hex}"

    def pull(self, repository, tag, output="/dev/null"):
        """Manifest by tag, then its layer: returns seconds."""
        manifest = _expect(curl("GET", f"{self.url}/v2/{repository}/manifests/{tag}",
                                extra=["-H", "Accept: application/vnd.docker.distribution.manifest.v2+json"]),
                           (200,), "GET manifest")
        layer = manifest.json()["layers"][0]["digest"].split(":", 1)[1]
        blob = _expect(curl("GET", self.blob_url(repository, layer), output=output, extra=["-L"]), (200,),
                       "GET blob")
        return manifest.seconds + blob.seconds
