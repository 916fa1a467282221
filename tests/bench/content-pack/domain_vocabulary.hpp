// tests/bench/content-pack/domain_vocabulary.hpp: the real words of the commune justice
// domain, shared by the source generator (gen-pack-source) and the search benchmark
// (bench-search), plus the small deterministic random generator both use.
//
// The generator sprinkles these phrases into otherwise Zipf-distributed text so that the
// queries a citizen really types ("đăng ký khai sinh", "chứng thực bản sao") hit; the
// benchmark builds its query mix from the same phrases and from the pack's own titles.
// The RNG is ours (not <random>'s distributions) so a seed gives the same corpus on every
// standard library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// [SECTION] Deterministic random numbers

// SplitMix64: tiny, fast, and its output is fixed by the seed on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Unit() { return double(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  // Uniform in [lo, hi], inclusive.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + int64_t(Next() % uint64_t(hi - lo + 1));
  }
  bool Chance(double p) { return Unit() < p; }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[size_t(Next() % v.size())]; }

 private:
  uint64_t state_;
};

// [SECTION] Fields (lĩnh vực) and their phrases

struct DomainField {
  std::string_view name;                  // as shown in the kiosk's field list
  std::vector<std::string_view> phrases;  // what procedures and questions are about
};

// The fields a provincial Department of Justice publishes, each with the procedure
// phrases citizens type. The first phrase of each field is its most asked one.
inline const std::vector<DomainField>& DomainFields() {
  static const std::vector<DomainField> fields = {
      {"Hộ tịch",
       {"đăng ký khai sinh", "đăng ký kết hôn", "đăng ký khai tử", "trích lục hộ tịch",
        "xác nhận tình trạng hôn nhân", "đăng ký nhận cha mẹ con", "đăng ký giám hộ",
        "thay đổi cải chính hộ tịch", "bổ sung thông tin hộ tịch", "đăng ký lại khai sinh",
        "cấp bản sao trích lục", "xác định lại dân tộc", "đăng ký khai sinh lưu động",
        "đăng ký chấm dứt giám hộ", "ghi vào sổ hộ tịch việc ly hôn"}},
      {"Chứng thực",
       {"chứng thực bản sao", "chứng thực chữ ký", "chứng thực hợp đồng",
        "chứng thực bản sao từ bản chính", "chứng thực chữ ký người dịch",
        "chứng thực di chúc", "chứng thực văn bản thỏa thuận phân chia di sản",
        "chứng thực hợp đồng chuyển nhượng quyền sử dụng đất", "sửa lỗi sai sót trong hợp đồng"}},
      {"Hòa giải cơ sở",
       {"hòa giải cơ sở", "công nhận tổ trưởng tổ hòa giải", "thôi làm hòa giải viên",
        "thanh toán thù lao cho hòa giải viên", "công nhận hòa giải viên",
        "hỗ trợ hòa giải viên gặp tai nạn"}},
      {"Lý lịch tư pháp",
       {"cấp phiếu lý lịch tư pháp", "lý lịch tư pháp", "phiếu lý lịch tư pháp số 1",
        "phiếu lý lịch tư pháp số 2", "cấp phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng"}},
      {"Phổ biến giáo dục pháp luật",
       {"phổ biến giáo dục pháp luật", "công nhận báo cáo viên pháp luật",
        "miễn nhiệm báo cáo viên pháp luật", "công nhận tuyên truyền viên pháp luật",
        "xây dựng xã phường đạt chuẩn tiếp cận pháp luật", "ngày pháp luật"}},
      {"Bồi thường nhà nước",
       {"bồi thường nhà nước", "giải quyết yêu cầu bồi thường", "phục hồi danh dự",
        "chi trả tiền bồi thường", "xác định cơ quan giải quyết bồi thường"}},
      {"Trợ giúp pháp lý",
       {"trợ giúp pháp lý", "yêu cầu trợ giúp pháp lý", "thay đổi người thực hiện trợ giúp pháp lý",
        "khiếu nại về trợ giúp pháp lý", "cấp thẻ cộng tác viên trợ giúp pháp lý",
        "lựa chọn ký hợp đồng với tổ chức hành nghề luật sư"}},
      {"Luật sư",
       {"cấp chứng chỉ hành nghề luật sư", "đăng ký hoạt động văn phòng luật sư",
        "thành lập công ty luật", "thu hồi chứng chỉ hành nghề luật sư",
        "đăng ký hành nghề luật sư với tư cách cá nhân", "tập sự hành nghề luật sư"}},
      {"Công chứng",
       {"công chứng hợp đồng", "công chứng di chúc", "công chứng văn bản thỏa thuận",
        "bổ nhiệm công chứng viên", "thành lập văn phòng công chứng",
        "công chứng hợp đồng mua bán nhà ở", "công chứng bản dịch", "công chứng hợp đồng ủy quyền"}},
      {"Đấu giá tài sản",
       {"đấu giá tài sản", "cấp thẻ đấu giá viên", "đăng ký hoạt động doanh nghiệp đấu giá tài sản",
        "đấu giá quyền sử dụng đất", "thu hồi thẻ đấu giá viên"}},
      {"Nuôi con nuôi",
       {"đăng ký nuôi con nuôi", "đăng ký nuôi con nuôi trong nước", "đăng ký lại việc nuôi con nuôi",
        "giải quyết việc người nước ngoài nhận trẻ em làm con nuôi"}},
      {"Quốc tịch",
       {"nhập quốc tịch Việt Nam", "thôi quốc tịch Việt Nam", "trở lại quốc tịch Việt Nam",
        "xác nhận có quốc tịch Việt Nam", "xác nhận là người gốc Việt Nam"}},
      {"Giám định tư pháp",
       {"bổ nhiệm giám định viên tư pháp", "miễn nhiệm giám định viên tư pháp",
        "thành lập văn phòng giám định tư pháp", "cấp thẻ giám định viên tư pháp"}},
      {"Thừa phát lại",
       {"lập vi bằng", "bổ nhiệm thừa phát lại", "thành lập văn phòng thừa phát lại",
        "tống đạt giấy tờ"}},
      {"Đăng ký biện pháp bảo đảm",
       {"đăng ký thế chấp quyền sử dụng đất", "xóa đăng ký biện pháp bảo đảm",
        "đăng ký thay đổi nội dung thế chấp", "cung cấp thông tin về biện pháp bảo đảm"}},
      {"Xử lý vi phạm hành chính",
       {"xử phạt vi phạm hành chính", "áp dụng biện pháp giáo dục tại xã phường",
        "hoãn chấp hành quyết định xử phạt", "nộp tiền phạt vi phạm hành chính"}},
      {"Tư vấn pháp luật",
       {"thành lập trung tâm tư vấn pháp luật", "cấp thẻ tư vấn viên pháp luật",
        "đăng ký hoạt động chi nhánh trung tâm tư vấn pháp luật"}},
      {"Trọng tài thương mại",
       {"thành lập trung tâm trọng tài", "đăng ký hoạt động trung tâm trọng tài",
        "thay đổi nội dung giấy phép thành lập trung tâm trọng tài"}},
  };
  return fields;
}

// Everyday words citizens add around a phrase, and nouns of the trade.
inline const std::vector<std::string_view>& QueryExtras() {
  static const std::vector<std::string_view> words = {
      "thủ tục", "hồ sơ", "lệ phí", "giấy tờ", "mẫu", "tờ khai", "ở đâu", "bao lâu",
      "cho con", "cho người già", "trực tuyến", "mất bao nhiêu tiền", "cần gì",
      "giấy khai sinh", "sổ hộ khẩu", "căn cước công dân", "ủy ban xã", "người nước ngoài",
      "quá hạn", "bị mất", "làm lại", "ủy quyền", "nhà đất", "di sản thừa kế", "ly hôn",
      "con ngoài giá thú", "người khuyết tật", "hộ nghèo", "miễn phí"};
  return words;
}

// [SECTION] Words of running text, most frequent first

// Function words and the vocabulary of legal Vietnamese, in a rough frequency order; the
// generator puts them at the head of its Zipf ranking so running text reads like a law.
inline const std::vector<std::string_view>& CommonWords() {
  static const std::vector<std::string_view> words = {
      "của", "và", "các", "được", "có", "trong", "theo", "là", "người", "không", "cho",
      "với", "này", "đã", "khi", "tại", "về", "để", "quy định", "cơ quan", "việc",
      "những", "thì", "một", "trường hợp", "thực hiện", "hoặc", "do", "từ", "đến", "phải",
      "pháp luật", "nhà nước", "quyền", "nghĩa vụ", "công dân", "hồ sơ", "giấy tờ", "cá nhân",
      "tổ chức", "ủy ban nhân dân", "cấp xã", "cấp huyện", "cấp tỉnh", "ngày", "làm việc",
      "văn bản", "đề nghị", "giải quyết", "thẩm quyền", "trách nhiệm", "trên", "dưới",
      "nếu", "sau", "trước", "đối với", "bao gồm", "kể từ", "cán bộ", "tư pháp", "hộ tịch",
      "xác nhận", "cấp", "bản sao", "bản chính", "chữ ký", "hợp đồng", "giao dịch",
      "thông tin", "cơ sở dữ liệu", "điện tử", "trực tiếp", "qua", "bưu chính", "trực tuyến",
      "lệ phí", "miễn", "thời hạn", "kết quả", "tiếp nhận", "kiểm tra", "hướng dẫn",
      "bổ sung", "hoàn thiện", "từ chối", "lý do", "nêu rõ", "ghi", "sổ", "cấp lại",
      "thay đổi", "cải chính", "yêu cầu", "người yêu cầu", "người đại diện", "ủy quyền",
      "chịu trách nhiệm", "nội dung", "hợp pháp", "hợp lệ", "chính xác", "đầy đủ",
      "xã", "phường", "thị trấn", "huyện", "tỉnh", "thành phố", "nơi cư trú", "địa phương",
      "gia đình", "cha", "mẹ", "con", "vợ", "chồng", "trẻ em", "người cao tuổi",
      "Bộ Tư pháp", "Sở Tư pháp", "Phòng Tư pháp", "công chức", "tư pháp - hộ tịch",
      "chủ tịch", "ký", "cấp cho", "lưu", "theo dõi", "báo cáo", "định kỳ", "hằng năm",
      "điều kiện", "tiêu chuẩn", "hành vi", "vi phạm", "xử lý", "khiếu nại", "tố cáo",
      "bảo đảm", "quyền lợi", "hợp pháp", "chính đáng", "nhân dân", "cộng đồng", "dân cư",
      "thôn", "ấp", "bản", "tổ dân phố", "hòa giải", "tranh chấp", "mâu thuẫn", "đoàn kết"};
  return words;
}

}  // namespace bench
