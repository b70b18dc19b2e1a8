#!/usr/bin/env bash
# Regenerates Sources/FlowRemoteWrite/Protocol/prompb.pb.swift from Protos/prompb.proto.
#
# Needs protoc (apt-get install -y protobuf-compiler) and protoc-gen-swift built from
# apple/swift-protobuf at the version Package.swift pins (1.39.0); building the plugin
# takes minutes, so it is built once outside the checkout and CI never builds it (the
# generated file is committed):
#
#   git clone --branch 1.39.0 https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   (cd /tmp/swift-protobuf && swift build -c release --product protoc-gen-swift)
#   PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift scripts/generate-prompb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if [ -z "$plugin" ] || [ ! -x "$plugin" ]; then
  echo "generate-prompb.sh: set PROTOC_GEN_SWIFT to a protoc-gen-swift built from swift-protobuf 1.39.0" >&2
  exit 2
fi
command -v protoc >/dev/null || { echo "generate-prompb.sh: protoc missing (apt-get install -y protobuf-compiler)" >&2; exit 2; }
protoc --plugin=protoc-gen-swift="$plugin" \
  --swift_opt=Visibility=Internal --swift_opt=FileNaming=DropPath \
  --proto_path=Protos --swift_out=Sources/FlowRemoteWrite/Protocol \
  Protos/prompb.proto
echo "wrote Sources/FlowRemoteWrite/Protocol/prompb.pb.swift"
