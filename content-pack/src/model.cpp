// Names of item types and legal unit kinds, as stored in the pack and used by tools.
#include "content-pack/model.hpp"

namespace pack {

namespace {
constexpr std::string_view kItemTypeNames[] = {"procedure", "document", "article", "faq",
                                               "quiz", "announcement"};
constexpr std::string_view kUnitKindNames[] = {"part", "chapter", "section", "subsection",
                                               "article", "clause", "point"};
}  // namespace

std::string_view ItemTypeName(ItemType type) { return kItemTypeNames[static_cast<int>(type)]; }

std::optional<ItemType> ParseItemType(std::string_view name) {
  for (ItemType type : kAllItemTypes)
    if (ItemTypeName(type) == name) return type;
  return std::nullopt;
}

std::string_view UnitKindName(UnitKind kind) { return kUnitKindNames[static_cast<int>(kind)]; }

}  // namespace pack
