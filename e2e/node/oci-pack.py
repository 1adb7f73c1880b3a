#!/usr/bin/env python3
"""Packs root filesystems as a single-layer OCI image layout, with no container
tools: used by e2e/images for the base, pause and CoreDNS images.

  oci-pack.py OUT_DIR TAG ARCH:LAYER [ARCH:LAYER ...] [--file PATH=SRC[:MODE]]...
      [--entrypoint JSON] [--cmd JSON] [--env K=V]... [--user U] [--workdir D]

LAYER is a tar of a root filesystem (mmdebstrap --format=tar), or '-' for an
image made only of --file entries (pause, coredns). The layer is gzipped with
mtime 0, so the same input gives the same digest. With several ARCH:LAYER pairs
OUT_DIR's index.json holds one manifest per platform under TAG (an image index).
"""
import argparse, gzip, hashlib, io, json, os, shutil, tarfile, tempfile

def blob(out, data, media):
    d = hashlib.sha256(data).hexdigest()
    path = os.path.join(out, "blobs", "sha256", d)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
    return {"mediaType": media, "digest": "sha256:" + d, "size": len(data)}

def files_tar(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        dirs = set()
        for dest, src, mode in files:
            parts = dest.strip("/").split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    ti = tarfile.TarInfo(d); ti.type = tarfile.DIRTYPE; ti.mode = 0o755
                    t.addfile(ti)
            ti = tarfile.TarInfo(dest.strip("/"))
            with open(src, "rb") as f:
                data = f.read()
            ti.size = len(data); ti.mode = mode
            t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()

def main():
    p = argparse.ArgumentParser()
    p.add_argument("out"); p.add_argument("tag"); p.add_argument("layers", nargs="+")
    p.add_argument("--file", action="append", default=[])
    p.add_argument("--entrypoint"); p.add_argument("--cmd")
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--user"); p.add_argument("--workdir")
    a = p.parse_args()
    files = []
    for spec in a.file:
        dest, src = spec.split("=", 1)
        mode = 0o755
        if ":" in src:
            src, m = src.rsplit(":", 1); mode = int(m, 8)
        files.append((dest, src, mode))
    tmp = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(a.out)) or ".")
    os.makedirs(os.path.join(tmp, "blobs", "sha256"))
    manifests = []
    for spec in a.layers:
        arch, layer = spec.split(":", 1)
        if layer == "-":
            raw = files_tar(files)
        else:
            with open(layer, "rb") as f:
                raw = f.read()
        gz = io.BytesIO()
        with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0, compresslevel=6) as g:
            g.write(raw)
        diff_id = "sha256:" + hashlib.sha256(raw).hexdigest()
        layer_desc = blob(tmp, gz.getvalue(), "application/vnd.oci.image.layer.v1.tar+gzip")
        config = {"architecture": arch, "os": "linux", "created": "1970-01-01T00:00:00Z",
                  "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                  "config": {"Env": a.env or ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}}
        c = config["config"]
        if a.entrypoint: c["Entrypoint"] = json.loads(a.entrypoint)
        if a.cmd: c["Cmd"] = json.loads(a.cmd)
        if a.user: c["User"] = a.user
        if a.workdir: c["WorkingDir"] = a.workdir
        cfg = blob(tmp, json.dumps(config, sort_keys=True).encode(), "application/vnd.oci.image.config.v1+json")
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": cfg, "layers": [layer_desc]}
        m = blob(tmp, json.dumps(manifest, sort_keys=True).encode(), "application/vnd.oci.image.manifest.v1+json")
        m["platform"] = {"architecture": arch, "os": "linux"}
        manifests.append(m)
    if len(manifests) == 1:
        top = manifests[0]
    else:
        idx = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}
        top = blob(tmp, json.dumps(idx, sort_keys=True).encode(), "application/vnd.oci.image.index.v1+json")
        top.pop("platform", None)
    top = dict(top); top["annotations"] = {"org.opencontainers.image.ref.name": a.tag}
    with open(os.path.join(tmp, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [top]}, f)
    with open(os.path.join(tmp, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    shutil.rmtree(a.out, ignore_errors=True)
    os.rename(tmp, a.out)

if __name__ == "__main__":
    main()
