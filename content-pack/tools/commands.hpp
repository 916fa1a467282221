// content-pack/tools/commands.hpp: the subcommands of the `content-pack` tool.
// Each takes the arguments after its name and returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace pack::cli {

using Args = std::vector<std::string>;

int RunBuild(const Args& args);    // build SRC -o PACK [--version N]
int RunInspect(const Args& args);  // inspect PACK [--json]
int RunSearch(const Args& args);   // search PACK QUERY [--json] [--limit N]
int RunPublish(const Args& args);  // publish PACK --key SECRET_KEY --out PORTAL_DIR [--keep N]
int RunKeygen(const Args& args);   // keygen: a minisign-compatible key pair
int RunContentStream(const Args& args);  // content-stream PACK OUT
int RunRebuild(const Args& args);        // rebuild STREAM OUT
int RunRecipe(const Args& args);         // recipe

}  // namespace pack::cli
