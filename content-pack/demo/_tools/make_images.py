#!/usr/bin/python3
# Draws the demo pack's own images (diagram, sample form, article illustrations).
# The PNGs are committed, so the pack build does not need this script or Pillow;
# run it again only after changing a drawing:
#   apt-get install -y python3-pil fonts-noto-core
#   /usr/bin/python3 content-pack/demo/_tools/make_images.py   (Debian python, where python3-pil lives)
# Every image stays at most 1600 px wide (the kiosk's pack limit for demo content).
import os
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "images"))
FONT_DIR = "/usr/share/fonts/truetype/noto"
REGULAR = os.path.join(FONT_DIR, "NotoSans-Regular.ttf")
BOLD = os.path.join(FONT_DIR, "NotoSans-Bold.ttf")

NAVY = (16, 52, 110)
RED = (196, 30, 36)
GOLD = (240, 180, 30)
INK = (30, 30, 30)
GREY = (120, 120, 120)
PALE = (232, 240, 252)
WHITE = (255, 255, 255)


def font(size, bold=False):
    return ImageFont.truetype(BOLD if bold else REGULAR, size)


def centered(draw, box, text, fnt, fill, spacing=8):
    """Writes multi-line text centred in box = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    bbox = draw.multiline_textbbox((0, 0), text, font=fnt, spacing=spacing, align="center")
    w, h = bbox[2] - bbox[0], bbox[3] - bbox[1]
    draw.multiline_text((x0 + (x1 - x0 - w) / 2 - bbox[0], y0 + (y1 - y0 - h) / 2 - bbox[1]),
                        text, font=fnt, fill=fill, spacing=spacing, align="center")


def arrow_down(draw, x, y0, y1, color=NAVY, width=8):
    draw.line((x, y0, x, y1 - 22), fill=color, width=width)
    draw.polygon([(x - 22, y1 - 26), (x + 22, y1 - 26), (x, y1)], fill=color)


def birth_registration_diagram():
    """Sơ đồ các bước đăng ký khai sinh: five boxes joined by arrows."""
    w, h = 1200, 1560
    img = Image.new("RGB", (w, h), WHITE)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 130), fill=NAVY)
    centered(d, (0, 0, w, 130), "CÁC BƯỚC ĐĂNG KÝ KHAI SINH", font(54, True), WHITE)
    steps = [
        ("1. Chuẩn bị hồ sơ",
         "Tờ khai đăng ký khai sinh, Giấy chứng sinh,\ngiấy tờ tùy thân của người đi đăng ký"),
        ("2. Nộp hồ sơ",
         "Trực tiếp tại Bộ phận một cửa UBND cấp xã\nhoặc trực tuyến trên Cổng Dịch vụ công"),
        ("3. Công chức tư pháp - hộ tịch kiểm tra",
         "Hồ sơ đủ: tiếp nhận ngay\nHồ sơ thiếu: được hướng dẫn bổ sung một lần"),
        ("4. Ghi Sổ hộ tịch",
         "Cập nhật Cơ sở dữ liệu hộ tịch điện tử,\ncấp số định danh cá nhân cho trẻ"),
        ("5. Nhận Giấy khai sinh",
         "Bản chính Giấy khai sinh; bản sao trích lục\nnếu có yêu cầu. Khai sinh đúng hạn: miễn lệ phí"),
    ]
    top, box_h, gap = 170, 210, 60
    for i, (title, detail) in enumerate(steps):
        y0 = top + i * (box_h + gap)
        fill = PALE if i < 4 else (255, 244, 214)
        d.rounded_rectangle((90, y0, w - 90, y0 + box_h), radius=28, fill=fill, outline=NAVY, width=5)
        centered(d, (90, y0 + 12, w - 90, y0 + 82), title, font(42, True), NAVY)
        centered(d, (90, y0 + 80, w - 90, y0 + box_h - 10), detail, font(32), INK)
        if i < len(steps) - 1:
            arrow_down(d, w // 2, y0 + box_h + 4, y0 + box_h + gap - 2)
    centered(d, (0, h - 70, w, h - 10),
             "Thời hạn: trong 60 ngày kể từ ngày sinh (Điều 15 Luật Hộ tịch)", font(30), GREY)
    img.save(os.path.join(OUT, "so-do-khai-sinh.png"), optimize=True)


def dotted(draw, x0, x1, y, color=GREY):
    for x in range(int(x0), int(x1), 14):
        draw.line((x, y, x + 6, y), fill=color, width=2)


def birth_form_sample():
    """Simplified 'Tờ khai đăng ký khai sinh', stamped MẪU so nobody mistakes it for the real form."""
    w, h = 1240, 1960
    img = Image.new("RGB", (w, h), WHITE)
    d = ImageDraw.Draw(img)
    d.rectangle((20, 20, w - 20, h - 20), outline=INK, width=3)
    centered(d, (0, 50, w, 100), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font(36, True), INK)
    centered(d, (0, 100, w, 150), "Độc lập - Tự do - Hạnh phúc", font(34, True), INK)
    d.line((w / 2 - 190, 158, w / 2 + 190, 158), fill=INK, width=2)
    centered(d, (0, 200, w, 270), "TỜ KHAI ĐĂNG KÝ KHAI SINH", font(52, True), INK)
    centered(d, (0, 275, w, 320), "(Mẫu minh họa đơn giản hóa, dùng cho màn hình hướng dẫn)", font(28), GREY)

    f = font(30)
    fb = font(30, True)
    x, y, line_h = 90, 350, 56

    def field(label, x_start=x, x_end=w - 90):
        nonlocal y
        d.text((x_start, y), label, font=f, fill=INK)
        lx = x_start + d.textlength(label, font=f) + 10
        dotted(d, lx, x_end, y + 34)
        y += line_h

    field("Kính gửi:")
    field("Họ, chữ đệm, tên người yêu cầu:")
    field("Nơi cư trú:")
    field("Giấy tờ tùy thân (số định danh cá nhân):")
    field("Quan hệ với người được đăng ký khai sinh:")
    y += 10
    d.text((x, y), "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:", font=fb, fill=INK)
    y += line_h
    field("Họ, chữ đệm, tên:")
    field("Ngày, tháng, năm sinh:")
    field("ghi bằng chữ:")
    field("Giới tính:            Dân tộc:            Quốc tịch:")
    field("Nơi sinh:")
    field("Quê quán:")
    y += 10
    d.text((x, y), "Thông tin của cha, mẹ:", font=fb, fill=INK)
    y += line_h
    field("Họ, chữ đệm, tên người mẹ:")
    field("Năm sinh:            Dân tộc:            Quốc tịch:")
    field("Nơi cư trú:")
    field("Họ, chữ đệm, tên người cha:")
    field("Năm sinh:            Dân tộc:            Quốc tịch:")
    field("Nơi cư trú:")
    y += 10
    d.text((x, y), "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,",
           font=f, fill=INK)
    y += 44
    d.text((x, y), "được sự thỏa thuận nhất trí của các bên liên quan và chịu trách nhiệm trước",
           font=f, fill=INK)
    y += 44
    d.text((x, y), "pháp luật về cam đoan của mình.", font=f, fill=INK)
    y += line_h
    label = "Đề nghị cấp bản sao:   Có"
    d.text((x, y), label, font=f, fill=INK)
    bx = x + d.textlength(label, font=f) + 12
    d.rectangle((bx, y + 8, bx + 28, y + 36), outline=INK, width=3)
    label2 = "Không"
    bx2 = bx + 60
    d.text((bx2, y), label2, font=f, fill=INK)
    bx3 = bx2 + d.textlength(label2, font=f) + 12
    d.rectangle((bx3, y + 8, bx3 + 28, y + 36), outline=INK, width=3)
    d.text((bx3 + 60, y), "Số lượng: ....... bản", font=f, fill=INK)
    y += line_h
    d.text((w - 660, y), "Làm tại: ........, ngày ... tháng ... năm ......", font=f, fill=INK)
    y += 50
    centered(d, (w - 560, y, w - 90, y + 45), "Người yêu cầu", fb, INK)
    centered(d, (w - 560, y + 45, w - 90, y + 90), "(Ký, ghi rõ họ, chữ đệm, tên)", font(26), GREY)

    # Diagonal MẪU stamp drawn on its own layer, rotated, then blended in.
    stamp = Image.new("RGBA", (900, 320), (0, 0, 0, 0))
    sd = ImageDraw.Draw(stamp)
    sd.rounded_rectangle((10, 10, 890, 310), radius=30, outline=RED + (150,), width=14)
    centered(sd, (10, 10, 890, 310), "MẪU", font(230, True), RED + (120,))
    stamp = stamp.rotate(28, expand=True)
    img.paste(stamp, ((w - stamp.width) // 2, (h - stamp.height) // 2 - 60), stamp)

    d.rectangle((20, h - 110, w - 20, h - 20), fill=(255, 236, 236))
    centered(d, (20, h - 110, w - 20, h - 20),
             "MẪU MINH HỌA - không dùng để nộp. Mẫu chính thức có tại Bộ phận một cửa UBND cấp xã\n"
             "và trên Cổng Dịch vụ công.", font(26, True), RED, spacing=6)
    img.save(os.path.join(OUT, "to-khai-khai-sinh.png"), optimize=True)


def digital_dissemination_illustration():
    """Illustration for the article on IT in legal dissemination: phone, laptop, kiosk."""
    w, h = 1400, 788
    img = Image.new("RGB", (w, h), (236, 244, 255))
    d = ImageDraw.Draw(img)
    # gentle background bands
    for i in range(0, h, 4):
        t = i / h
        d.line((0, i, w, i), fill=(int(236 - 40 * t), int(244 - 30 * t), 255))
    centered(d, (0, 30, w, 110), "Ứng dụng công nghệ thông tin trong phổ biến pháp luật",
             font(44, True), NAVY)
    centered(d, (0, 105, w, 160), "Thi trực tuyến · Fanpage thủ tục hành chính · Dịch vụ công trực tuyến",
             font(32), INK)

    # laptop with quiz
    d.rounded_rectangle((90, 230, 560, 540), radius=18, fill=(40, 44, 52))
    d.rectangle((110, 250, 540, 520), fill=WHITE)
    centered(d, (110, 255, 540, 305), "CUỘC THI TRỰC TUYẾN", font(28, True), RED)
    for k, label in enumerate(["A. ...........", "B. ...........", "C. ...........", "D. ..........."]):
        yy = 320 + k * 48
        d.rounded_rectangle((140, yy, 510, yy + 38), radius=10,
                            fill=PALE if k != 1 else (212, 238, 214), outline=NAVY, width=2)
        d.text((155, yy + 2), label, font=font(24), fill=INK)
    d.polygon([(60, 540), (590, 540), (630, 580), (20, 580)], fill=(70, 74, 84))

    # phone with fanpage
    d.rounded_rectangle((640, 200, 860, 640), radius=34, fill=(30, 30, 36))
    d.rectangle((656, 250, 844, 590), fill=WHITE)
    d.rectangle((656, 250, 844, 300), fill=(24, 119, 242))
    centered(d, (656, 250, 844, 300), "Fanpage", font(26, True), WHITE)
    centered(d, (656, 305, 844, 400), "Thủ tục\nhành chính\ntư pháp", font(24, True), NAVY, spacing=2)
    for k in range(4):
        yy = 420 + k * 40
        d.rounded_rectangle((672, yy, 828, yy + 26), radius=8, fill=PALE)
    d.ellipse((735, 602, 765, 632), outline=(120, 120, 130), width=3)

    # kiosk with QR-like block
    d.rounded_rectangle((960, 190, 1300, 640), radius=20, fill=NAVY)
    d.rectangle((985, 215, 1275, 470), fill=WHITE)
    centered(d, (985, 220, 1275, 270), "dichvucong", font(30, True), NAVY)
    qx, qy, cell = 1060, 285, 14
    pattern = [
        "1111111001011", "1000001011001", "1011101000101", "1011101110111", "1011101001001",
        "1000001010101", "1111111010101", "0000000011000", "1101011100111", "0110100101010",
        "1011111000101", "0100101110011",
    ]
    for r, row in enumerate(pattern):
        for c, bit in enumerate(row):
            if bit == "1":
                d.rectangle((qx + c * cell, qy + r * cell, qx + (c + 1) * cell - 1, qy + (r + 1) * cell - 1),
                            fill=INK)
    d.rectangle((1080, 640, 1180, 720), fill=(60, 70, 90))
    d.rectangle((1010, 720, 1250, 745), fill=(60, 70, 90))
    centered(d, (960, 490, 1300, 620), "Tra cứu\nthủ tục, văn bản", font(34, True), GOLD, spacing=6)

    centered(d, (0, h - 60, w, h - 10), "Hình minh họa - nội dung trình diễn", font(24), GREY)
    img.save(os.path.join(OUT, "pho-bien-phap-luat-so.png"), optimize=True)


def kiosk_guide_illustration():
    """Illustration for the 'how to use this kiosk' article: a finger on big buttons."""
    w, h = 1400, 788
    img = Image.new("RGB", (w, h), (250, 248, 240))
    d = ImageDraw.Draw(img)
    centered(d, (0, 30, w, 110), "Tra cứu tại màn hình cảm ứng", font(54, True), NAVY)
    labels = ["Thủ tục\nhành chính", "Văn bản\npháp luật", "Hỏi đáp", "Tìm kiếm", "Tin tức", "Thi tìm hiểu\npháp luật"]
    for i, label in enumerate(labels):
        col, row = i % 3, i // 3
        x0, y0 = 150 + col * 380, 170 + row * 260
        fill = NAVY if i != 3 else RED
        d.rounded_rectangle((x0, y0, x0 + 330, y0 + 210), radius=30, fill=fill)
        centered(d, (x0, y0, x0 + 330, y0 + 210), label, font(40, True), WHITE, spacing=6)
    # fingertip
    d.ellipse((275, 510, 355, 590), outline=GOLD, width=6)
    d.ellipse((255, 490, 375, 610), outline=GOLD, width=3)
    d.ellipse((265, 560, 365, 670), fill=(240, 200, 170), outline=(150, 110, 90), width=4)
    d.rounded_rectangle((278, 620, 352, 788), radius=30, fill=(240, 200, 170), outline=(150, 110, 90), width=4)
    d.text((420, 680), "Chạm vào ô lớn để chọn mục cần tra cứu", font=font(34), fill=INK)
    img.save(os.path.join(OUT, "huong-dan-kiosk.png"), optimize=True)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    birth_registration_diagram()
    birth_form_sample()
    digital_dissemination_illustration()
    kiosk_guide_illustration()
    for name in sorted(os.listdir(OUT)):
        with Image.open(os.path.join(OUT, name)) as im:
            print(name, im.size)
