// luna: the engine from the command line.
//   luna transform IN OUT [--edits JSON] [--output JSON] [--image KEY=FILE]...
//   luna metadata IN
//   luna --version
// Limits come from LUNA_* variables (see engine_config.h). Exit 0 on success; otherwise a
// one-line message on stderr and exit 1 (bad image/request) or 2 (usage).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <vips/vips.h>
#include "immagin/canonical.h"
#include "immagin/edit_parser.h"
#include "immagin/json.h"
#include "luna/engine.h"

namespace {

constexpr const char* kUsage =
    "usage: luna transform IN OUT [--edits JSON] [--output JSON] [--image KEY=FILE]...\n"
    "       luna metadata IN\n"
    "       luna --version\n";

int Fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "luna: %s\n", message.c_str());
  return code;
}

bool ReadFile(const std::string& path, std::vector<uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Writes next to the target and renames, so a failed run never leaves a partial file.
bool WriteFile(const std::string& path, const std::string& bytes) {
  const std::string temp = path + ".luna-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::remove(temp.c_str());
      return false;
    }
  }
  return std::rename(temp.c_str(), path.c_str()) == 0;
}

int Transform(int argc, char** argv, const luna::EngineConfig& config) {
  if (argc < 4) return Fail(std::string("missing arguments\n") + kUsage, 2);
  const std::string in_path = argv[2];
  const std::string out_path = argv[3];
  std::string edits_text = "[]";
  std::string output_text = "{}";
  // --image KEY=FILE: the originals image layers name (repeatable).
  std::vector<std::pair<std::string, std::vector<uint8_t>>> overlay_files;
  for (int i = 4; i < argc; i += 2) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return Fail("missing value for " + flag, 2);
    if (flag == "--edits") {
      edits_text = argv[i + 1];
    } else if (flag == "--output") {
      output_text = argv[i + 1];
    } else if (flag == "--image") {
      const std::string value = argv[i + 1];
      const size_t equals = value.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == value.size()) {
        return Fail("--image takes KEY=FILE, got \"" + value + "\"", 2);
      }
      std::vector<uint8_t> bytes;
      if (!ReadFile(value.substr(equals + 1), bytes)) {
        return Fail("cannot read " + value.substr(equals + 1));
      }
      overlay_files.emplace_back(value.substr(0, equals), std::move(bytes));
    } else {
      return Fail("unknown option " + flag + "\n" + kUsage, 2);
    }
  }
  auto edits_json = immagin::ParseJson(edits_text, "edits");
  if (!edits_json) return Fail(edits_json.error().ToString(), 2);
  auto edits = immagin::ParseEdits(*edits_json, {});
  if (!edits) return Fail(edits.error().ToString(), 2);
  auto output_json = immagin::ParseJson(output_text, "output");
  if (!output_json) return Fail(output_json.error().ToString(), 2);
  auto output = immagin::ParseOutput(*output_json);
  if (!output) return Fail(output.error().ToString(), 2);

  std::vector<uint8_t> original;
  if (!ReadFile(in_path, original)) return Fail("cannot read " + in_path);
  luna::Overlays overlays;
  for (const auto& [key, bytes] : overlay_files) overlays.emplace_back(key, bytes);
  auto rendered = luna::Transform(original, immagin::Canonicalize(*edits),
                                  immagin::Canonicalize(*output), config, overlays);
  if (!rendered) return Fail(rendered.error().ToString());
  if (!WriteFile(out_path, rendered->bytes)) return Fail("cannot write " + out_path);
  std::fprintf(
      stderr, "luna: %s %dx%d%s, %zu bytes\n", rendered->content_type.c_str(), rendered->width,
      rendered->height,
      rendered->frames > 1 ? (", " + std::to_string(rendered->frames) + " frames").c_str() : "",
      rendered->bytes.size());
  return 0;
}

int Metadata(int argc, char** argv, const luna::EngineConfig& config) {
  if (argc != 3) return Fail(std::string("metadata takes one file\n") + kUsage, 2);
  std::vector<uint8_t> original;
  if (!ReadFile(argv[2], original)) return Fail(std::string("cannot read ") + argv[2]);
  auto metadata = luna::ReadMetadata(original, config);
  if (!metadata) return Fail(metadata.error().ToString());
  std::printf("%s\n", luna::ToJson(*metadata).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Fail(std::string("missing command\n") + kUsage, 2);
  if (std::string(argv[1]) == "--version") {
    std::printf("luna %s (libvips %s)\n", LUNA_VERSION, luna::LibvipsVersion());
    return 0;
  }
  auto config = luna::EngineConfig::FromEnvironment();
  if (!config) return Fail(config.error().ToString(), 2);
  if (auto started = luna::InitEngine(argv[0]); !started) {
    return Fail(started.error().ToString());
  }
  const std::string command = argv[1];
  int status = 2;
  if (command == "transform") {
    status = Transform(argc, argv, *config);
  } else if (command == "metadata") {
    status = Metadata(argc, argv, *config);
  } else {
    status = Fail("unknown command " + command + "\n" + kUsage, 2);
  }
  vips_shutdown();
  return status;
}
