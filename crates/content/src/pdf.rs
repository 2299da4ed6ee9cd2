//! A small PDF writer for printable handouts: text in the standard Helvetica fonts and
//! vector drawings, laid out top to bottom with automatic page breaks.
//!
//! The standard 14 PDF fonts need no embedding, and their WinAnsi encoding covers every
//! letter Spanish and English need (á é í ó ú ñ ü ¿ ¡), so the PDFs stay small and the
//! build stays free of font and rasterising libraries.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// Paper sizes, in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// A font style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

/// A colour, as RGB from 0 to 1.
pub type Rgb = (f32, f32, f32);

/// A drawing instruction, in drawing units (scaled to fit when placed).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A stroked polyline.
    Line {
        /// Points, in order.
        points: Vec<(f32, f32)>,
        /// Stroke width.
        width: f32,
        /// Stroke colour.
        color: Rgb,
    },
    /// A circle, filled or stroked.
    Circle {
        /// Centre.
        center: (f32, f32),
        /// Radius.
        r: f32,
        /// Colour.
        color: Rgb,
        /// Filled (true) or outlined.
        fill: bool,
        /// Outline width.
        width: f32,
    },
    /// A filled polygon.
    Polygon {
        /// Corners, in order.
        points: Vec<(f32, f32)>,
        /// Fill colour.
        color: Rgb,
    },
    /// A short label centred on a point (digits on step badges).
    Label {
        /// Centre.
        center: (f32, f32),
        /// The text.
        text: String,
        /// Font size in drawing units.
        size: f32,
        /// Colour.
        color: Rgb,
    },
    /// A filled rectangle.
    Rect {
        /// Top-left corner.
        at: (f32, f32),
        /// Width and height.
        size: (f32, f32),
        /// Fill colour.
        color: Rgb,
    },
}

/// A vector picture: marks in a box of `width` × `height` units, y pointing down (as in SVG).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Picture {
    /// Width in drawing units.
    pub width: f32,
    /// Height in drawing units.
    pub height: f32,
    /// The marks, painted in order.
    pub marks: Vec<Mark>,
}

const MARGIN: f32 = 50.0;

/// A document being laid out.
pub struct Document {
    paper: Paper,
    pages: Vec<Content>,
    /// Distance from the top margin already used on the current page.
    y: f32,
}

impl Document {
    /// A new, empty document.
    pub fn new(paper: Paper) -> Self {
        Document {
            paper,
            pages: vec![Content::new()],
            y: 0.0,
        }
    }

    /// Width available for content.
    pub fn text_width(&self) -> f32 {
        self.paper.size().0 - 2.0 * MARGIN
    }

    fn page_height(&self) -> f32 {
        self.paper.size().1 - 2.0 * MARGIN
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn need(&mut self, height: f32) {
        if self.y > 0.0 && self.y + height > self.page_height() {
            self.new_page();
        }
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Content::new());
        self.y = 0.0;
    }

    /// Leaves some vertical space.
    pub fn space(&mut self, points: f32) {
        self.y += points;
    }

    fn top(&self) -> f32 {
        self.paper.size().1 - MARGIN - self.y
    }

    fn content(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a document always has a page")
    }

    /// Writes wrapped text at `indent` points from the left margin.
    pub fn text(&mut self, text: &str, size: f32, weight: Weight, color: Rgb, indent: f32) {
        let leading = size * 1.35;
        let width = self.text_width() - indent;
        for line in wrap(text, size, weight, width) {
            self.need(leading);
            let baseline = self.top() - size;
            let font = font_name(weight);
            let bytes = win_ansi(&line);
            let c = self.content();
            c.set_fill_rgb(color.0, color.1, color.2);
            c.begin_text();
            c.set_font(font, size);
            c.next_line(MARGIN + indent, baseline);
            c.show(Str(&bytes));
            c.end_text();
            self.y += leading;
        }
    }

    /// Draws a horizontal rule across the text width.
    pub fn rule(&mut self, color: Rgb) {
        self.need(8.0);
        let y = self.top() - 4.0;
        let right = MARGIN + self.text_width();
        let c = self.content();
        c.set_stroke_rgb(color.0, color.1, color.2);
        c.set_line_width(0.75);
        c.move_to(MARGIN, y);
        c.line_to(right, y);
        c.stroke();
        self.y += 8.0;
    }

    /// Places a picture `width` points wide at `indent`, keeping its proportions.
    pub fn picture(&mut self, pic: &Picture, width: f32, indent: f32) {
        if pic.width <= 0.0 || pic.height <= 0.0 {
            return;
        }
        let scale = width / pic.width;
        let height = pic.height * scale;
        self.need(height);
        let (left, top) = (MARGIN + indent, self.top());
        // Drawing units have y down; PDF has y up.
        let at = |(x, y): (f32, f32)| (left + x * scale, top - y * scale);
        let c = self.content();
        c.save_state();
        for mark in &pic.marks {
            match mark {
                Mark::Line {
                    points,
                    width,
                    color,
                } => {
                    let Some((first, rest)) = points.split_first() else {
                        continue;
                    };
                    c.set_stroke_rgb(color.0, color.1, color.2);
                    c.set_line_width(width * scale);
                    c.set_line_cap(pdf_writer::types::LineCapStyle::RoundCap);
                    c.set_line_join(pdf_writer::types::LineJoinStyle::RoundJoin);
                    let (x, y) = at(*first);
                    c.move_to(x, y);
                    for p in rest {
                        let (x, y) = at(*p);
                        c.line_to(x, y);
                    }
                    c.stroke();
                }
                Mark::Circle {
                    center,
                    r,
                    color,
                    fill,
                    width,
                } => {
                    let (cx, cy) = at(*center);
                    circle(c, cx, cy, r * scale);
                    if *fill {
                        c.set_fill_rgb(color.0, color.1, color.2);
                        c.fill_nonzero();
                    } else {
                        c.set_stroke_rgb(color.0, color.1, color.2);
                        c.set_line_width(width * scale);
                        c.stroke();
                    }
                }
                Mark::Polygon { points, color } => {
                    let Some((first, rest)) = points.split_first() else {
                        continue;
                    };
                    c.set_fill_rgb(color.0, color.1, color.2);
                    let (x, y) = at(*first);
                    c.move_to(x, y);
                    for p in rest {
                        let (x, y) = at(*p);
                        c.line_to(x, y);
                    }
                    c.close_path();
                    c.fill_nonzero();
                }
                Mark::Label {
                    center,
                    text,
                    size,
                    color,
                } => {
                    let size = size * scale;
                    let (x, y) = at(*center);
                    let w = text_width(text, size, Weight::Bold);
                    c.set_fill_rgb(color.0, color.1, color.2);
                    c.begin_text();
                    c.set_font(font_name(Weight::Bold), size);
                    c.next_line(x - w / 2.0, y - size * 0.35);
                    c.show(Str(&win_ansi(text)));
                    c.end_text();
                }
                Mark::Rect {
                    at: corner,
                    size,
                    color,
                } => {
                    let (x, y) = at(*corner);
                    c.set_fill_rgb(color.0, color.1, color.2);
                    c.rect(x, y - size.1 * scale, size.0 * scale, size.1 * scale);
                    c.fill_nonzero();
                }
            }
        }
        c.restore_state();
        self.y += height;
    }

    /// Finishes the document: page numbers in the footer, the title in the metadata.
    pub fn finish(self, title: &str, footer: &str) -> Vec<u8> {
        let (w, h) = self.paper.size();
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first = 6;
        let count = self.pages.len();
        let page_ids: Vec<Ref> = (0..count).map(|i| Ref::new(first + 2 * i as i32)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(count as i32);
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info)
            .title(TextStr(title))
            .creator(TextStr("backcare"));
        for (i, mut content) in self.pages.into_iter().enumerate() {
            let page_id = page_ids[i];
            let content_id = Ref::new(page_id.get() + 1);
            let foot = win_ansi(&format!("{footer}  ·  {}/{count}", i + 1));
            content.set_fill_rgb(0.35, 0.35, 0.35);
            content.begin_text();
            content.set_font(font_name(Weight::Regular), 8.0);
            content.next_line(MARGIN, MARGIN / 2.0);
            content.show(Str(&foot));
            content.end_text();
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, w, h))
                .parent(tree)
                .contents(content_id);
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            fonts.pair(font_name(Weight::Regular), regular);
            fonts.pair(font_name(Weight::Bold), bold);
            fonts.finish();
            resources.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

fn font_name(weight: Weight) -> Name<'static> {
    match weight {
        Weight::Regular => Name(b"F1"),
        Weight::Bold => Name(b"F2"),
    }
}

/// A circle from four Bézier arcs.
fn circle(c: &mut Content, cx: f32, cy: f32, r: f32) {
    let k = 0.552_284_8 * r;
    c.move_to(cx + r, cy);
    c.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    c.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    c.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    c.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    c.close_path();
}

/// Encodes text as Windows-1252 (PDF WinAnsiEncoding); characters it lacks become `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|ch| match ch {
            ' '..='~' => ch as u8,
            '\u{a0}'..='\u{ff}' => ch as u32 as u8,
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// Advance widths of WinAnsi codes 32-255 in thousandths of the font size, from Adobe's
/// Core 14 AFM metrics for Helvetica and Helvetica-Bold (as shipped by ReportLab).
const HELVETICA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    761, 556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222,
    333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 556, 537, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];
const HELVETICA_BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    761, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278,
    500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611, 556, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611,
    611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

fn text_width(text: &str, size: f32, weight: Weight) -> f32 {
    let table = match weight {
        Weight::Regular => &HELVETICA,
        Weight::Bold => &HELVETICA_BOLD,
    };
    let units: u32 = win_ansi(text)
        .iter()
        .map(|&b| {
            u32::from(
                table
                    .get(usize::from(b).wrapping_sub(32))
                    .copied()
                    .unwrap_or(556),
            )
        })
        .sum();
    units as f32 * size / 1000.0
}

/// Greedy word wrap to `width` points.
fn wrap(text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && text_width(&candidate, size, weight) > width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_letters_survive_encoding() {
        assert_eq!(
            win_ansi("¿Año? ¡Sí! ü"),
            b"\xbfA\xf1o? \xa1S\xed! \xfc".to_vec()
        );
        assert_eq!(win_ansi("→"), b"?".to_vec());
    }

    #[test]
    fn wrapping_respects_the_width() {
        let text = "Walking keeps your back moving, eases stiffness and helps pain settle.";
        let lines = wrap(text, 12.0, Weight::Regular, 150.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(
                text_width(l, 12.0, Weight::Regular) <= 150.0 || !l.contains(' '),
                "{l}"
            );
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_long_document_breaks_into_pages_and_is_a_pdf() {
        let mut doc = Document::new(Paper::Letter);
        for i in 0..120 {
            doc.text(
                &format!("Línea {i}: ejercicio de espalda"),
                11.0,
                Weight::Regular,
                (0.0, 0.0, 0.0),
                0.0,
            );
        }
        let pic = Picture {
            width: 100.0,
            height: 50.0,
            marks: vec![Mark::Circle {
                center: (50.0, 25.0),
                r: 10.0,
                color: (0.1, 0.2, 0.3),
                fill: true,
                width: 1.0,
            }],
        };
        doc.picture(&pic, 200.0, 0.0);
        let pages = doc.pages.len();
        assert!(pages >= 3, "{pages} pages");
        let bytes = doc.finish("Test", "backcare");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(String::from_utf8_lossy(&bytes).contains(&format!("/Count {pages}")));
    }
}
