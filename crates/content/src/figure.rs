//! Exercise illustrations, drawn by code from joint angles.
//!
//! Every exercise has a figure file, `figures/<id>.toml`: a start pose and an end pose of one
//! stick person seen from the side, the props around it, and alt text. [`geometry`] turns a
//! figure into text-free shapes (two panels side by side, a step badge on each and an arrow
//! between them; a third panel, the end seen from the other side, when the exercise's dose is
//! for each side), which [`svg`] writes as a self-contained SVG and a PDF writer can draw with
//! the same coordinates and [`Tone`] colours.
//!
//! # The body model
//!
//! The person faces right (+x) unless the figure is mirrored; y points up and the floor is
//! y = 0. Angles are in degrees. The pose gives the trunk's absolute direction and every other
//! joint relative to its parent, positive for flexion:
//!
//! - `trunk`: direction of the lower trunk, from the hip joint to the middle of the back,
//!   counter-clockwise from +x: 90 standing, 180 lying on the back (head left, face up),
//!   0 lying face down or on all fours (head right, face down).
//! - `spine`: flexion of the upper trunk on the lower (negative bends backwards).
//! - `neck`: flexion of the head on the upper trunk.
//! - `arm = [shoulder, elbow]`: 0 hangs along the trunk, 90 points forwards, 180 overhead,
//!   negative reaches behind; elbow 0 is straight.
//! - `leg = [hip, knee, ankle]`: hip 0 is in line with the trunk, 90 points forwards; knee
//!   flexion bends the shin backwards; ankle 0 is a right angle between shin and foot, negative
//!   points the toes.
//! - `far_arm`, `far_leg`: the limbs on the far side (drawn lighter); they default to the near
//!   ones.
//! - `roll = [near, far]`: turns each leg out of the picture about the trunk's axis (as when the
//!   knees drop to one side), shortening it as seen from the side.
//!
//! Segment lengths are fixed, so every figure is the same person at the same scale.
//!
//! # The file format
//!
//! ```toml
//! alt.en = "Lying on the back, knees bent. Then one knee pulled towards the chest."
//! alt.es = "Tumbado boca arriba, rodillas dobladas. Después, una rodilla hacia el pecho."
//! note = "For maintainers: what the drawing cannot show."  # optional, not rendered
//! view = "side"    # optional: "side", "front" (wall angels) or "above" (side-lying on a mat)
//! mirror = false   # optional: face left instead of right
//! ground = true    # optional: rest each pose on the floor (or mat); false uses start.hip/end.hip y
//!
//! [props]          # all optional; positions in the figure's own coordinates
//! mat = true                               # a mat under the body
//! chair = { x = -6 }                       # seat centre; backrest behind, `flip = true` puts it in front
//! wall = -30                               # a wall at this x
//! door = 19                                # a door frame (its side post and top) at this x
//! towel = true                             # a towel from both hands round the near foot's sole
//! band = [40, 60]                          # an elastic band from this anchor to both hands
//! bike = { seat = [0, 50], bars = [22, 66], crank = [10, 18] }
//! water = 62                               # water up to this height
//! roller = [0, 8]                          # a foam roller's centre
//!
//! [start]
//! hip = [0, 0]           # x places the body relative to the props; y is used when ground = false
//! trunk = 180
//! spine = 0              # optional, like neck, far_arm, far_leg and roll
//! neck = 0
//! arm = [20, 10]
//! leg = [45, 95, 0]
//! far_leg = [45, 95, 0]
//!
//! [end]
//! trunk = 180
//! arm = [20, 10]
//! leg = [120, 130, 10]
//! far_leg = [45, 95, 0]
//!
//! [arrow]                # optional: a movement arrow in one panel
//! joint = "knee"         # from this joint's start position to its end position…
//! # from = [x, y]       # …or between two points: x as in the poses, y above the floor
//! # to = [x, y]
//! bend = 0.3             # bulge as a fraction of the length, positive to the left
//! offset = [6, 4]        # shift it off the body
//! panel = 1              # 1 (default) or 2
//! ```
//!
//! Joints for `arrow.joint`: `hip`, `mid`, `neck`, `head`, `elbow`, `hand`, `knee`, `ankle`,
//! `toe`, and `far_elbow`, `far_hand`, `far_knee`, `far_ankle`, `far_toe`.

use std::fmt::Write as _;
use std::sync::OnceLock;

use backcare_core::exercise::Localized;
use backcare_core::lang::{Lang, Text, t};
use serde::Deserialize;

use crate::articles::escape;
use crate::exercises::BadFile;

/// An exercise illustration: two poses, props and alt text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The exercise id (the file name without `.toml`).
    #[serde(skip)]
    pub id: String,
    /// Alt text for screen readers, describing the start and end positions.
    pub alt: Localized,
    /// A note for maintainers (what the drawing cannot show); never rendered.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the person is seen from.
    #[serde(default)]
    pub view: View,
    /// The person faces left instead of right.
    #[serde(default)]
    pub mirror: bool,
    /// Each pose rests on the floor (or mat); otherwise `hip` heights are used as given.
    #[serde(default = "yes")]
    pub ground: bool,
    /// Props around the person.
    #[serde(default)]
    pub props: Props,
    /// The starting position (panel 1).
    pub start: Pose,
    /// The end position (panel 2).
    pub end: Pose,
    /// An optional movement arrow.
    #[serde(default)]
    pub arrow: Option<Hint>,
    /// The exercise is done on each side (its dose says so, `each_side`): a third panel shows
    /// the end position from the other side, which is the other leg, arm or side doing it.
    #[serde(skip)]
    pub both_sides: bool,
}

fn yes() -> bool {
    true
}

/// Where the person is seen from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// From the side, standing on the floor line (the usual view).
    #[default]
    Side,
    /// From the front: the near limbs on the person's right (+x), the far limbs mirrored on
    /// the left, shoulder and hip width shown; a wall becomes a backdrop.
    Front,
    /// From above, lying on a mat (side-lying exercises): no floor line, the body centred.
    Above,
}

/// A body position: the hip and trunk placement plus joint angles in degrees (see the module
/// documentation for the conventions).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pose {
    /// Hip joint position; y counts only when the figure is not grounded.
    #[serde(default)]
    pub hip: [f64; 2],
    /// Absolute direction of the lower trunk.
    pub trunk: f64,
    /// Flexion of the upper trunk on the lower.
    #[serde(default)]
    pub spine: f64,
    /// Flexion of the head on the upper trunk.
    #[serde(default)]
    pub neck: f64,
    /// Near arm: shoulder flexion, elbow flexion.
    pub arm: [f64; 2],
    /// Far arm; defaults to the near arm.
    #[serde(default)]
    pub far_arm: Option<[f64; 2]>,
    /// Near leg: hip flexion, knee flexion, ankle dorsiflexion.
    pub leg: [f64; 3],
    /// Far leg; defaults to the near leg.
    #[serde(default)]
    pub far_leg: Option<[f64; 3]>,
    /// Near and far leg turned out of the picture about the trunk's axis.
    #[serde(default)]
    pub roll: [f64; 2],
}

/// Things around the person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Props {
    /// A mat under the body.
    #[serde(default)]
    pub mat: bool,
    /// A chair.
    #[serde(default)]
    pub chair: Option<Chair>,
    /// A wall at this x.
    #[serde(default)]
    pub wall: Option<f64>,
    /// A door frame seen from the side at this x: the post a forearm rests on, and the top.
    #[serde(default)]
    pub door: Option<f64>,
    /// A towel (or belt) looped round the sole of the near foot, its ends in both hands.
    #[serde(default)]
    pub towel: bool,
    /// An elastic band from this anchor point to both hands.
    #[serde(default)]
    pub band: Option<[f64; 2]>,
    /// A stationary bike.
    #[serde(default)]
    pub bike: Option<Bike>,
    /// Water up to this height.
    #[serde(default)]
    pub water: Option<f64>,
    /// A foam roller's centre.
    #[serde(default)]
    pub roller: Option<[f64; 2]>,
}

/// A chair, seen from the side.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chair {
    /// Centre of the seat.
    pub x: f64,
    /// The backrest is in front (+x) instead of behind.
    #[serde(default)]
    pub flip: bool,
}

/// A stationary bike, seen from the side.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bike {
    /// Middle of the saddle.
    pub seat: [f64; 2],
    /// The handlebar grips.
    pub bars: [f64; 2],
    /// The crank axle (the pedals go round it, joined to the ankles).
    pub crank: [f64; 2],
}

/// A movement arrow drawn in one panel.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    /// Follow this joint from its start to its end position.
    #[serde(default)]
    pub joint: Option<Joint>,
    /// Or: start point, in figure coordinates.
    #[serde(default)]
    pub from: Option<[f64; 2]>,
    /// And end point, in figure coordinates.
    #[serde(default)]
    pub to: Option<[f64; 2]>,
    /// Bulge, as a fraction of the arrow's length; positive to the left of travel.
    #[serde(default)]
    pub bend: f64,
    /// Shift off the body, in figure units.
    #[serde(default)]
    pub offset: [f64; 2],
    /// The panel to draw it in: 1 or 2.
    #[serde(default = "one")]
    pub panel: u8,
}

fn one() -> u8 {
    1
}

/// A named point of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Joint {
    Hip,
    Mid,
    Neck,
    Head,
    Elbow,
    Hand,
    Knee,
    Ankle,
    Toe,
    FarElbow,
    FarHand,
    FarKnee,
    FarAnkle,
    FarToe,
}

/// Parses every figure file, in file-name order.
pub fn parse_all() -> Result<Vec<Figure>, BadFile> {
    crate::files::FIGURES
        .iter()
        .map(|(file, text)| {
            let bad = |message: String| BadFile {
                file: (*file).to_owned(),
                message,
            };
            let mut fig: Figure = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
            fig.id = file.trim_end_matches(".toml").to_owned();
            // One fact, kept with the dose: the picture follows it.
            fig.both_sides = crate::exercises::library()
                .iter()
                .any(|e| e.id.as_str() == fig.id && e.dose.each_side);
            if let Some(h) = fig.arrow {
                let ends = h.from.is_some() && h.to.is_some();
                if h.joint.is_some() == ends || !(1..=2).contains(&h.panel) {
                    return Err(bad(
                        "arrow: give `joint` or `from` and `to`, panel 1 or 2".into()
                    ));
                }
            }
            Ok(fig)
        })
        .collect()
}

/// Every figure, in id order. The files are checked by tests, so this cannot fail in a release.
pub fn all() -> &'static [Figure] {
    static ALL: OnceLock<Vec<Figure>> = OnceLock::new();
    ALL.get_or_init(|| parse_all().unwrap_or_else(|e| panic!("figures: {e}")))
}

/// The figure for an exercise id.
pub fn figure(id: &str) -> Option<&'static Figure> {
    all().iter().find(|f| f.id == id)
}

// ---------------------------------------------------------------------------------------------
// Geometry

/// A point in drawing units; y points down, as in SVG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Rightwards.
    pub x: f64,
    /// Downwards.
    pub y: f64,
}

const fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point {
        pt(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for Point {
    type Output = Point;
    fn sub(self, o: Point) -> Point {
        pt(self.x - o.x, self.y - o.y)
    }
}

impl std::ops::Mul<f64> for Point {
    type Output = Point;
    fn mul(self, k: f64) -> Point {
        pt(self.x * k, self.y * k)
    }
}

impl Point {
    fn len(self) -> f64 {
        self.x.hypot(self.y)
    }
    fn dot(self, o: Point) -> f64 {
        self.x * o.x + self.y * o.y
    }
}

/// What a shape is: each tone has one colour, chosen for contrast on white and in greyscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The near limbs, trunk and head.
    Near,
    /// The far limbs.
    Far,
    /// Props: mat, chair, wall, band, bike, water, roller.
    Prop,
    /// Arrows and step badges.
    Accent,
    /// The floor and panel frames.
    Ground,
}

impl Tone {
    /// Stroke colour, as sRGB.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Tone::Near => [0x1d, 0x35, 0x57],
            Tone::Far => [0x7f, 0x9c, 0xbf],
            Tone::Prop => [0x5f, 0x6b, 0x78],
            Tone::Accent => [0xc2, 0x41, 0x0c],
            Tone::Ground => [0x8a, 0x94, 0x9e],
        }
    }

    /// Fill colour, as sRGB: the stroke colour, except a light tint for props.
    pub fn fill_rgb(self) -> [u8; 3] {
        match self {
            Tone::Prop => [0xd0, 0xdb, 0xe6],
            t => t.rgb(),
        }
    }
}

/// One drawing primitive. Lines and polylines have round caps and joins.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A straight stroke.
    Line {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Stroke width.
        width: f64,
        /// Colour.
        tone: Tone,
    },
    /// A disc (`fill`, in [`Tone::fill_rgb`]) or a ring of stroke `width`.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        r: f64,
        /// Colour.
        tone: Tone,
        /// Filled rather than outlined.
        fill: bool,
        /// Outline width (unused when filled).
        width: f64,
    },
    /// An open stroke through several points.
    Polyline {
        /// The points, in order.
        points: Vec<Point>,
        /// Stroke width.
        width: f64,
        /// Colour.
        tone: Tone,
    },
    /// A rectangle with rounded corners: filled (in [`Tone::fill_rgb`]) or outlined.
    Rect {
        /// Top-left corner.
        min: Point,
        /// Bottom-right corner.
        max: Point,
        /// Corner radius.
        radius: f64,
        /// Colour.
        tone: Tone,
        /// Filled rather than outlined.
        fill: bool,
        /// Outline width (unused when filled).
        width: f64,
    },
    /// A stroke (`shaft`) ending in a filled triangular `head`.
    Arrow {
        /// The shaft, ending at the head's base.
        shaft: Vec<Point>,
        /// The head: tip, then the two corners of its base.
        head: [Point; 3],
        /// Shaft width.
        width: f64,
        /// Colour.
        tone: Tone,
    },
}

/// A figure as shapes, painted in order. Coordinates run from (0, 0) at the top left to
/// (`width`, `height`).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width in drawing units.
    pub width: f64,
    /// Height in drawing units.
    pub height: f64,
    /// The shapes, back to front.
    pub shapes: Vec<Shape>,
    /// Centres of the step badges, one per panel, where the digits "1", "2" (and "3") go
    /// (white on the badge).
    pub steps: Vec<Point>,
}

const PANEL_W: f64 = 140.0;
const PANEL_H: f64 = 125.0;
const GAP: f64 = 26.0;
const HEADER: f64 = 20.0;
const FLOOR_Y: f64 = HEADER + PANEL_H - 10.0;
const MAT_H: f64 = 3.0;
const CHAIR_SEAT: f64 = 22.0;
/// Half the width of a door frame's side post, and the height of its top.
const DOOR_HALF: f64 = 2.5;
const DOOR_TOP: f64 = 104.0;

const TRUNK_LO: f64 = 14.0;
const TRUNK_HI: f64 = 15.0;
const NECK: f64 = 3.0;
const HEAD_R: f64 = 6.5;
const NOSE_R: f64 = 2.2;
const UPPER_ARM: f64 = 17.0;
const FOREARM: f64 = 15.0;
const THIGH: f64 = 24.0;
const SHIN: f64 = 23.0;
const HEEL: f64 = 2.0;
const TOES: f64 = 7.0;
const SHOULDER_HALF: f64 = 7.0;
const SHOULDER_DROP: f64 = 3.0;
const HIP_HALF: f64 = 4.5;
const TRUNK_W: f64 = 7.0;
const LIMB_W: f64 = 5.0;

fn dir(deg: f64) -> Point {
    let r = deg.to_radians();
    pt(r.cos(), r.sin())
}

/// Body points in figure coordinates (y up) or, once placed, drawing coordinates.
#[derive(Debug, Clone, Copy)]
struct Body {
    hip: Point,
    mid: Point,
    neck: Point,
    head: Point,
    nose: Point,
    /// Near then far: shoulder, elbow, hand.
    arms: [[Point; 3]; 2],
    /// Near then far: hip, knee, ankle, heel, toe.
    legs: [[Point; 5]; 2],
}

impl Body {
    /// Forward kinematics, before rolling the legs out of the picture.
    fn flat(p: &Pose, view: View) -> Body {
        let hip = pt(p.hip[0], p.hip[1]);
        let (lo, up) = (p.trunk, p.trunk - p.spine);
        let face = up - p.neck;
        let mid = hip + dir(lo) * TRUNK_LO;
        let neck = mid + dir(up) * TRUNK_HI;
        let head = neck + dir(face) * (NECK + HEAD_R);
        let front = view == View::Front;
        let nose = if front {
            head
        } else {
            head + dir(face - 80.0) * HEAD_R
        };
        // Seen from the front, the far side is the near side mirrored about the trunk's axis.
        let side = |root: Point, width: f64, axis: f64, far: bool, pts: &mut [Point]| {
            if !front {
                return;
            }
            let (u, sign) = (dir(axis), if far { -1.0 } else { 1.0 });
            let new_root = root + dir(axis - 90.0) * (width * sign);
            for q in pts.iter_mut() {
                let v = *q - root;
                let v = if far { u * (2.0 * v.dot(u)) - v } else { v };
                *q = new_root + v;
            }
        };
        let shoulder = neck - dir(up) * SHOULDER_DROP;
        let arm = |[s, e]: [f64; 2], far: bool| {
            let a = up + 180.0 + s;
            let elbow = shoulder + dir(a) * UPPER_ARM;
            let mut pts = [shoulder, elbow, elbow + dir(a + e) * FOREARM];
            side(shoulder, SHOULDER_HALF, up, far, &mut pts);
            pts
        };
        let leg = |[h, k, f]: [f64; 3], far: bool| {
            let t = lo + 180.0 + h;
            let knee = hip + dir(t) * THIGH;
            let ankle = knee + dir(t - k) * SHIN;
            let foot = dir(t - k + 90.0 + f);
            let mut pts = [hip, knee, ankle, ankle - foot * HEEL, ankle + foot * TOES];
            side(hip, HIP_HALF, lo, far, &mut pts);
            pts
        };
        Body {
            hip,
            mid,
            neck,
            head,
            nose,
            arms: [arm(p.arm, false), arm(p.far_arm.unwrap_or(p.arm), true)],
            legs: [leg(p.leg, false), leg(p.far_leg.unwrap_or(p.leg), true)],
        }
    }

    /// The body as seen: legs rolled out of the picture.
    fn new(p: &Pose, view: View) -> Body {
        let mut b = Body::flat(p, view);
        let (axis, across) = (dir(p.trunk), dir(p.trunk + 90.0));
        for (leg, roll) in b.legs.iter_mut().zip(p.roll) {
            let k = roll.to_radians().cos();
            let root = leg[0];
            for q in leg.iter_mut() {
                let rel = *q - root;
                *q = root + axis * rel.dot(axis) + across * (rel.dot(across) * k);
            }
        }
        b
    }

    fn map(mut self, f: impl Fn(Point) -> Point) -> Body {
        for q in [
            &mut self.hip,
            &mut self.mid,
            &mut self.neck,
            &mut self.head,
            &mut self.nose,
        ] {
            *q = f(*q);
        }
        for q in self
            .arms
            .iter_mut()
            .flatten()
            .chain(self.legs.iter_mut().flatten())
        {
            *q = f(*q);
        }
        self
    }

    /// Every point with the radius of ink around it.
    fn extent(&self) -> Vec<(Point, f64)> {
        let mut v = vec![
            (self.hip, TRUNK_W / 2.0),
            (self.mid, TRUNK_W / 2.0),
            (self.neck, TRUNK_W / 2.0),
            (self.head, HEAD_R),
            (self.nose, NOSE_R),
        ];
        v.extend(self.arms.iter().flatten().map(|&q| (q, LIMB_W / 2.0)));
        v.extend(self.legs.iter().flatten().map(|&q| (q, LIMB_W / 2.0)));
        v
    }

    fn joint(&self, j: Joint) -> Point {
        match j {
            Joint::Hip => self.hip,
            Joint::Mid => self.mid,
            Joint::Neck => self.neck,
            Joint::Head => self.head,
            Joint::Elbow => self.arms[0][1],
            Joint::Hand => self.arms[0][2],
            Joint::Knee => self.legs[0][1],
            Joint::Ankle => self.legs[0][2],
            Joint::Toe => self.legs[0][4],
            Joint::FarElbow => self.arms[1][1],
            Joint::FarHand => self.arms[1][2],
            Joint::FarKnee => self.legs[1][1],
            Joint::FarAnkle => self.legs[1][2],
            Joint::FarToe => self.legs[1][4],
        }
    }
}

/// Both poses in figure coordinates (mirrored and grounded) and the shift that centres them.
struct Scene {
    bodies: [Body; 2],
    shift: Point,
    sign: f64,
}

impl Scene {
    fn new(fig: &Figure) -> Scene {
        let sign = if fig.mirror { -1.0 } else { 1.0 };
        let above = fig.view == View::Above;
        let bodies = [Scene::place(fig, &fig.start), Scene::place(fig, &fig.end)];
        let mut xs: Vec<f64> = bodies
            .iter()
            .flat_map(|b| b.extent())
            .flat_map(|(q, r)| [q.x - r, q.x + r])
            .collect();
        let p = &fig.props;
        if let Some(c) = p.chair {
            xs.extend([c.x * sign - 11.0, c.x * sign + 11.0]);
        }
        xs.extend(p.wall.map(|x| x * sign));
        xs.extend(p.door.map(|x| x * sign));
        xs.extend(p.band.map(|a| a[0] * sign));
        xs.extend(p.roller.map(|c| c[0] * sign));
        if let Some(b) = p.bike {
            xs.extend([b.seat, b.bars, b.crank].map(|q| q[0] * sign));
            xs.extend([b.crank[0] * sign - 22.0, b.bars[0] * sign + 12.0]);
        }
        let lo = xs.iter().copied().fold(f64::MAX, f64::min);
        let hi = xs.iter().copied().fold(f64::MIN, f64::max);
        let mut dy = 0.0;
        if above {
            let ys = bodies.iter().flat_map(|b| b.extent());
            let top = ys.clone().map(|(q, r)| q.y + r).fold(f64::MIN, f64::max);
            let bottom = ys.map(|(q, r)| q.y - r).fold(f64::MAX, f64::min);
            dy = FLOOR_Y - HEADER - PANEL_H / 2.0 - (top + bottom) / 2.0;
        }
        Scene {
            bodies,
            shift: pt(PANEL_W / 2.0 - (lo + hi) / 2.0, dy),
            sign,
        }
    }

    /// A pose's body in figure coordinates: mirrored if the figure is, and resting on the
    /// floor (or mat) when the figure is grounded.
    fn place(fig: &Figure, p: &Pose) -> Body {
        let sign = if fig.mirror { -1.0 } else { 1.0 };
        let floor = if fig.props.mat { MAT_H } else { 0.0 };
        let above = fig.view == View::Above;
        let b = Body::new(p, fig.view).map(|q| pt(q.x * sign, q.y));
        let low = b
            .extent()
            .iter()
            .map(|(q, r)| q.y - r)
            .fold(f64::MAX, f64::min);
        let dy = if fig.ground && !above {
            floor + 0.5 - low
        } else {
            0.0
        };
        b.map(|q| pt(q.x, q.y + dy))
    }

    /// From figure coordinates to drawing coordinates in `panel` (0 or 1).
    fn to_panel(&self, panel: usize, q: Point) -> Point {
        pt(
            panel as f64 * (PANEL_W + GAP) + self.shift.x + q.x,
            FLOOR_Y - self.shift.y - q.y,
        )
    }
}

/// How many steps the movement is drawn in, from the start pose to the end pose.
pub const ANIMATION_STEPS: usize = 8;

/// A pose between `a` (t = 0) and `b` (t = 1): every angle and position moves in a straight
/// line, so the body moves the way its joints do (through the same forward kinematics as the
/// still pictures), not by morphing the drawn lines.
fn between(a: &Pose, b: &Pose, t: f64) -> Pose {
    let mix = |x: f64, y: f64| x + (y - x) * t;
    let mix2 = |x: [f64; 2], y: [f64; 2]| [mix(x[0], y[0]), mix(x[1], y[1])];
    let mix3 = |x: [f64; 3], y: [f64; 3]| [mix(x[0], y[0]), mix(x[1], y[1]), mix(x[2], y[2])];
    Pose {
        hip: mix2(a.hip, b.hip),
        trunk: mix(a.trunk, b.trunk),
        spine: mix(a.spine, b.spine),
        neck: mix(a.neck, b.neck),
        arm: mix2(a.arm, b.arm),
        far_arm: Some(mix2(a.far_arm.unwrap_or(a.arm), b.far_arm.unwrap_or(b.arm))),
        leg: mix3(a.leg, b.leg),
        far_leg: Some(mix3(a.far_leg.unwrap_or(a.leg), b.far_leg.unwrap_or(b.leg))),
        roll: mix2(a.roll, b.roll),
    }
}

/// The movement as frames of one panel: the props and the body at
/// [`ANIMATION_STEPS`] + 1 points from the start pose to the end pose, all placed as the
/// still pictures place them (so nothing jumps between frames).
pub fn animation(fig: &Figure) -> (f64, f64, Vec<Vec<Shape>>) {
    let scene = Scene::new(fig);
    let frames = (0..=ANIMATION_STEPS)
        .map(|k| {
            let t = k as f64 / ANIMATION_STEPS as f64;
            let pose = between(&fig.start, &fig.end, t);
            let body = Scene::place(fig, &pose).map(|q| scene.to_panel(0, q));
            let mut shapes = Vec::new();
            panel(&mut shapes, fig, &scene, 0, &body);
            shapes
        })
        .collect();
    (PANEL_W, HEADER + PANEL_H, frames)
}

/// The movement as an SVG that plays itself: the frames of [`animation`], there and back,
/// one shown at a time by the stylesheet's `figure-frame` animation (class `f0` ... `f15`),
/// so it runs under a Content-Security-Policy without inline styles or scripts. People who
/// ask for less motion get the still pictures instead (the stylesheet hides this one).
pub fn animated_svg(fig: &Figure, lang: Lang) -> String {
    let (w, h, frames) = animation(fig);
    let title_id = format!("figure-moving-{}-{}", fig.id, lang.code());
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w2}" height="{h2}" role="img" aria-labelledby="{title_id}" lang="{code}" class="figure-moving"><title id="{title_id}">{title}</title><g fill="none" stroke-linecap="round" stroke-linejoin="round">"#,
        w2 = w * 2.0,
        h2 = h * 2.0,
        code = lang.code(),
        title = escape(fig.alt.get(lang)),
    );
    // There and back: 0, 1, ..., N, N-1, ..., 1.
    let order = (0..=ANIMATION_STEPS).chain((1..ANIMATION_STEPS).rev());
    for (slot, k) in order.enumerate() {
        let _ = write!(s, r#"<g class="frame f{slot}">"#);
        write_shapes(&mut s, &frames[k]);
        s.push_str("</g>");
    }
    s.push_str("</g></svg>");
    s
}

/// The figure as shapes: the start and end panels, a third panel with the end seen from the
/// other side when the exercise is done on [`Figure::both_sides`], step badges and the arrows
/// between them.
pub fn geometry(fig: &Figure) -> Drawing {
    let scene = Scene::new(fig);
    // Seen from the other side, the limbs near the viewer are the other ones.
    let other = fig.both_sides.then(|| {
        let other = Figure {
            mirror: !fig.mirror,
            arrow: None,
            ..fig.clone()
        };
        let scene = Scene::new(&other);
        (other, scene)
    });
    let panels: Vec<(&Figure, &Scene, &Body)> = [(fig, &scene, &scene.bodies[0])]
        .into_iter()
        .chain([(fig, &scene, &scene.bodies[1])])
        .chain(other.as_ref().map(|(f, sc)| (f, sc, &sc.bodies[1])))
        .collect();
    let mut shapes = Vec::new();
    let mut steps = Vec::new();
    for (i, &(fig, scene, body)) in panels.iter().enumerate() {
        let left = i as f64 * (PANEL_W + GAP);
        shapes.push(Shape::Rect {
            min: pt(left + 0.5, HEADER),
            max: pt(left + PANEL_W - 0.5, HEADER + PANEL_H - 0.5),
            radius: 5.0,
            tone: Tone::Ground,
            fill: false,
            width: 0.8,
        });
        let step = pt(left + 10.0, HEADER / 2.0);
        steps.push(step);
        shapes.push(Shape::Circle {
            center: step,
            r: 8.0,
            tone: Tone::Accent,
            fill: true,
            width: 0.0,
        });
        let body = body.map(|q| scene.to_panel(i, q));
        panel(&mut shapes, fig, scene, i, &body);
    }
    let y = HEADER + PANEL_H / 2.0;
    for i in 1..panels.len() {
        let right = i as f64 * (PANEL_W + GAP) - GAP;
        shapes.push(arrow(
            &[pt(right + 5.0, y), pt(right + GAP - 4.0, y)],
            3.0,
            7.0,
        ));
    }
    let n = panels.len() as f64;
    Drawing {
        width: n * PANEL_W + (n - 1.0) * GAP,
        height: HEADER + PANEL_H,
        shapes,
        steps,
    }
}

fn arrow(points: &[Point], width: f64, head: f64) -> Shape {
    let tip = points[points.len() - 1];
    let prev = points[points.len() - 2];
    let d = (tip - prev) * (1.0 / (tip - prev).len().max(1e-9));
    let n = pt(-d.y, d.x);
    let base = tip - d * head;
    let mut shaft: Vec<Point> = points[..points.len() - 1]
        .iter()
        .copied()
        .filter(|q| (*q - tip).len() > head)
        .collect();
    shaft.push(base);
    if shaft.len() < 2 {
        shaft.insert(0, points[0]);
    }
    Shape::Arrow {
        shaft,
        head: [tip, base + n * (head * 0.6), base - n * (head * 0.6)],
        width,
        tone: Tone::Accent,
    }
}

fn line(shapes: &mut Vec<Shape>, from: Point, to: Point, width: f64, tone: Tone) {
    shapes.push(Shape::Line {
        from,
        to,
        width,
        tone,
    });
}

fn poly(shapes: &mut Vec<Shape>, points: Vec<Point>, width: f64, tone: Tone) {
    shapes.push(Shape::Polyline {
        points,
        width,
        tone,
    });
}

/// One panel's props, body and movement arrow, in drawing coordinates.
fn panel(shapes: &mut Vec<Shape>, fig: &Figure, scene: &Scene, i: usize, body: &Body) {
    let at = |q: [f64; 2]| scene.to_panel(i, pt(q[0] * scene.sign, q[1]));
    let left = i as f64 * (PANEL_W + GAP);
    let p = &fig.props;
    let prop = Tone::Prop;
    if let Some(level) = p.water {
        shapes.push(Shape::Rect {
            min: pt(left + 3.0, FLOOR_Y - level),
            max: pt(left + PANEL_W - 3.0, FLOOR_Y),
            radius: 0.0,
            tone: prop,
            fill: true,
            width: 0.0,
        });
    }
    let rect = |shapes: &mut Vec<Shape>, min: Point, max: Point, radius: f64| {
        shapes.push(Shape::Rect {
            min,
            max,
            radius,
            tone: prop,
            fill: true,
            width: 0.0,
        });
    };
    match (fig.view, p.wall) {
        (View::Front, Some(_)) => rect(
            shapes,
            pt(left + 3.0, HEADER + 3.0),
            pt(left + PANEL_W - 3.0, FLOOR_Y),
            3.0,
        ),
        (_, Some(x)) => {
            let x = at([x, 0.0]).x;
            line(shapes, pt(x, FLOOR_Y), pt(x, HEADER + 4.0), 2.5, prop);
        }
        _ => {}
    }
    if let Some(x) = p.door {
        // The post is drawn as an outline, so that it reads as a frame and not as a wall.
        let (a, b) = (at([x - DOOR_HALF, DOOR_TOP]), at([x + DOOR_HALF, 0.0]));
        shapes.push(Shape::Rect {
            min: pt(a.x.min(b.x), a.y.min(b.y)),
            max: pt(a.x.max(b.x), a.y.max(b.y)),
            radius: 0.5,
            tone: prop,
            fill: false,
            width: 1.8,
        });
        let top = at([x, DOOR_TOP]).y;
        line(
            shapes,
            pt(a.x.min(b.x) - 6.0, top),
            pt(a.x.max(b.x) + 6.0, top),
            2.5,
            prop,
        );
    }
    if fig.view != View::Above {
        line(
            shapes,
            pt(left + 4.0, FLOOR_Y),
            pt(left + PANEL_W - 4.0, FLOOR_Y),
            1.5,
            Tone::Ground,
        );
    }
    if p.mat {
        let all = scene.bodies.iter().flat_map(|b| b.extent());
        let (mut lo, mut hi) = (pt(f64::MAX, f64::MAX), pt(f64::MIN, f64::MIN));
        for (q, r) in all {
            lo = pt(lo.x.min(q.x - r), lo.y.min(q.y - r));
            hi = pt(hi.x.max(q.x + r), hi.y.max(q.y + r));
        }
        if fig.view == View::Above {
            let (a, b) = (scene.to_panel(i, lo), scene.to_panel(i, hi));
            rect(
                shapes,
                pt(a.x - 5.0, b.y - 5.0),
                pt(b.x + 5.0, a.y + 5.0),
                4.0,
            );
        } else {
            let (a, b) = (
                scene.to_panel(i, pt(lo.x - 4.0, MAT_H)),
                scene.to_panel(i, pt(hi.x + 4.0, 0.0)),
            );
            rect(shapes, a, b, 1.2);
        }
    }
    if let Some(c) = p.chair {
        let s = if c.flip { -1.0 } else { 1.0 };
        let x = |dx: f64| c.x + dx * s;
        let seat = CHAIR_SEAT - 1.5;
        line(shapes, at([x(-10.0), seat]), at([x(10.0), seat]), 3.0, prop);
        line(shapes, at([x(-9.0), seat]), at([x(-9.0), 0.0]), 2.0, prop);
        line(shapes, at([x(9.0), seat]), at([x(9.0), 0.0]), 2.0, prop);
        line(
            shapes,
            at([x(-10.0), seat]),
            at([x(-12.0), 45.0]),
            2.5,
            prop,
        );
    }
    if let Some(r) = p.roller {
        shapes.push(Shape::Circle {
            center: at(r),
            r: 7.5,
            tone: prop,
            fill: false,
            width: 2.0,
        });
    }
    if let Some(b) = p.bike {
        let c = at(b.crank);
        let base = [b.crank[0] - 22.0, 1.0];
        let front = [b.bars[0] + 12.0, 1.0];
        line(shapes, at(base), at(front), 3.0, prop);
        poly(
            shapes,
            vec![at(b.seat), c, at([b.bars[0] + 2.0, 1.0])],
            2.5,
            prop,
        );
        line(shapes, at([b.crank[0] - 4.0, 1.0]), c, 2.5, prop);
        line(shapes, c, at(b.bars), 2.5, prop);
        let s = at(b.seat);
        line(shapes, s - pt(6.0, 0.0), s + pt(6.0, 0.0), 3.5, prop);
        shapes.push(Shape::Circle {
            center: at([b.bars[0] + 4.0, 12.0]),
            r: 10.0,
            tone: prop,
            fill: false,
            width: 2.0,
        });
        shapes.push(Shape::Circle {
            center: c,
            r: 4.0,
            tone: prop,
            fill: true,
            width: 0.0,
        });
        line(shapes, c, body.legs[1][2], 2.0, prop);
    }
    let limb = |shapes: &mut Vec<Shape>, pts: &[Point], tone: Tone| {
        poly(shapes, pts.to_vec(), LIMB_W, tone);
    };
    let far = if fig.view == View::Front {
        Tone::Near
    } else {
        Tone::Far
    };
    limb(shapes, &body.arms[1], far);
    limb(shapes, &body.legs[1][..3], far);
    limb(shapes, &body.legs[1][3..], far);
    if p.towel {
        let [.., heel, toe] = body.legs[0];
        let sole = (heel + toe) * 0.5;
        for arm in body.arms {
            line(shapes, arm[2], sole, 1.8, Tone::Accent);
        }
    }
    if let Some(a) = p.band {
        for arm in body.arms {
            line(shapes, at(a), arm[2], 1.6, Tone::Accent);
        }
        shapes.push(Shape::Circle {
            center: at(a),
            r: 2.5,
            tone: prop,
            fill: true,
            width: 0.0,
        });
    }
    // The spine as a smooth curve through the middle of the back.
    let ctrl = body.mid * 2.0 - (body.hip + body.neck) * 0.5;
    let spine = (0..=8)
        .map(|k| {
            let t = k as f64 / 8.0;
            body.hip * ((1.0 - t) * (1.0 - t)) + ctrl * (2.0 * t * (1.0 - t)) + body.neck * (t * t)
        })
        .collect();
    poly(shapes, spine, TRUNK_W, Tone::Near);
    for (a, b) in [
        (body.arms[0][0], body.arms[1][0]),
        (body.legs[0][0], body.legs[1][0]),
    ] {
        if (a - b).len() > 0.1 {
            line(shapes, a, b, TRUNK_W, Tone::Near);
        }
    }
    line(shapes, body.neck, body.head, 3.5, Tone::Near);
    for (center, r) in [(body.head, HEAD_R), (body.nose, NOSE_R)] {
        shapes.push(Shape::Circle {
            center,
            r,
            tone: Tone::Near,
            fill: true,
            width: 0.0,
        });
    }
    if let Some(b) = p.bike {
        line(shapes, at(b.crank), body.legs[0][2], 2.0, prop);
    }
    limb(shapes, &body.legs[0][..3], Tone::Near);
    limb(shapes, &body.legs[0][3..], Tone::Near);
    limb(shapes, &body.arms[0], Tone::Near);
    if let Some(level) = p.water {
        let y = FLOOR_Y - level;
        let wave = (0..=40)
            .map(|k| {
                let x = left + 4.0 + k as f64 * (PANEL_W - 8.0) / 40.0;
                pt(x, y + 1.2 * (k as f64 * std::f64::consts::PI / 4.0).sin())
            })
            .collect();
        poly(shapes, wave, 1.5, prop);
    }
    if let Some(h) = fig.arrow.filter(|h| usize::from(h.panel) == i + 1) {
        let (from, to) = match h.joint {
            Some(j) => (scene.bodies[0].joint(j), scene.bodies[1].joint(j)),
            None => {
                let f = |q: Option<[f64; 2]>| {
                    let q = q.unwrap_or_default();
                    pt(q[0] * scene.sign, q[1])
                };
                (f(h.from), f(h.to))
            }
        };
        let off = pt(h.offset[0] * scene.sign, h.offset[1]);
        let (from, to) = (scene.to_panel(i, from + off), scene.to_panel(i, to + off));
        let d = to - from;
        // Drawing y points down, so "left of travel" is (d.y, -d.x).
        let ctrl = (from + to) * 0.5 + pt(d.y, -d.x) * (h.bend * scene.sign);
        let pts: Vec<Point> = (0..=16)
            .map(|k| {
                let t = k as f64 / 16.0;
                from * ((1.0 - t) * (1.0 - t)) + ctrl * (2.0 * t * (1.0 - t)) + to * (t * t)
            })
            .collect();
        shapes.push(arrow(&pts, 2.2, 5.5));
    }
}

// ---------------------------------------------------------------------------------------------
// SVG

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

fn points_attr(points: &[Point]) -> String {
    let v: Vec<String> = points
        .iter()
        .map(|q| format!("{:.1},{:.1}", q.x, q.y))
        .collect();
    v.join(" ")
}

/// What the third panel shows, after the alt text of the first two.
const OTHER_SIDE: Text = t(
    "Then the same on the other side.",
    "Después, lo mismo del otro lado.",
);

/// The figure's text alternative in `lang`: its alt text, and the other side when there is a
/// third panel.
pub fn alt(fig: &Figure, lang: Lang) -> String {
    let alt = fig.alt.get(lang);
    if fig.both_sides {
        format!("{alt} {}", OTHER_SIDE.get(lang))
    } else {
        alt.to_owned()
    }
}

/// The figure as a self-contained SVG, titled with its [`alt`] text in `lang`.
pub fn svg(fig: &Figure, lang: Lang) -> String {
    let d = geometry(fig);
    let title_id = format!("figure-{}-{}", fig.id, lang.code());
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w2}" height="{h2}" role="img" aria-labelledby="{title_id}" lang="{code}"{class}><title id="{title_id}">{title}</title><g fill="none" stroke-linecap="round" stroke-linejoin="round">"#,
        w = d.width,
        h = d.height,
        w2 = d.width * 2.0,
        h2 = d.height * 2.0,
        code = lang.code(),
        title = escape(&alt(fig, lang)),
        class = if fig.both_sides {
            r#" class="figure-both-sides""#
        } else {
            ""
        },
    );
    write_shapes(&mut s, &d.shapes);
    s.push_str(r##"</g><g fill="#ffffff" font-family="sans-serif" font-size="11" font-weight="bold" text-anchor="middle">"##);
    for (n, c) in d.steps.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            c.x,
            c.y + 3.9,
            n + 1
        );
    }
    s.push_str("</g></svg>");
    s
}

/// Writes shapes as SVG elements.
fn write_shapes(s: &mut String, shapes: &[Shape]) {
    for shape in shapes {
        match shape {
            Shape::Line {
                from,
                to,
                width,
                tone,
            } => {
                let _ = write!(
                    *s,
                    r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{width}"/>"#,
                    from.x,
                    from.y,
                    to.x,
                    to.y,
                    hex(tone.rgb())
                );
            }
            Shape::Circle {
                center,
                r,
                tone,
                fill,
                width,
            } => {
                let paint = if *fill {
                    format!(r#"fill="{}""#, hex(tone.fill_rgb()))
                } else {
                    format!(r#"stroke="{}" stroke-width="{width}""#, hex(tone.rgb()))
                };
                let _ = write!(
                    *s,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="{r}" {paint}/>"#,
                    center.x, center.y
                );
            }
            Shape::Polyline {
                points,
                width,
                tone,
            } => {
                let _ = write!(
                    *s,
                    r#"<polyline points="{}" stroke="{}" stroke-width="{width}"/>"#,
                    points_attr(points),
                    hex(tone.rgb())
                );
            }
            Shape::Rect {
                min,
                max,
                radius,
                tone,
                fill,
                width,
            } => {
                let paint = if *fill {
                    format!(r#"fill="{}""#, hex(tone.fill_rgb()))
                } else {
                    format!(r#"stroke="{}" stroke-width="{width}""#, hex(tone.rgb()))
                };
                let _ = write!(
                    *s,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{radius}" {paint}/>"#,
                    min.x,
                    min.y,
                    max.x - min.x,
                    max.y - min.y
                );
            }
            Shape::Arrow {
                shaft,
                head,
                width,
                tone,
            } => {
                let c = hex(tone.rgb());
                let _ = write!(
                    *s,
                    r#"<polyline points="{}" stroke="{c}" stroke-width="{width}"/><polygon points="{}" fill="{c}"/>"#,
                    points_attr(shaft),
                    points_attr(head)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moving picture starts and ends on the still pictures' poses, in the same place,
    /// and goes there and back in 16 frames, with its text alternative in both languages.
    #[test]
    fn every_figure_moves_from_its_start_pose_to_its_end_pose() {
        for fig in all() {
            let (_, _, frames) = animation(fig);
            assert_eq!(frames.len(), ANIMATION_STEPS + 1, "{}", fig.id);
            let still = geometry(fig).shapes;
            // The first panel: its frame, its badge, then what the first frame draws.
            assert_eq!(
                &still[2..2 + frames[0].len()],
                &frames[0][..],
                "{}: start",
                fig.id
            );
            assert_ne!(frames[0], frames[ANIMATION_STEPS], "{}: it moves", fig.id);
            for lang in [Lang::En, Lang::Es] {
                let svg = animated_svg(fig, lang);
                assert_eq!(
                    svg.matches(r#"<g class="frame f"#).count(),
                    2 * ANIMATION_STEPS,
                    "{}",
                    fig.id
                );
                assert!(svg.contains(&format!(
                    "<title id=\"figure-moving-{}-{}\">{}</title>",
                    fig.id,
                    lang.code(),
                    escape(fig.alt.get(lang))
                )));
            }
        }
    }

    const IDS: [&str; 40] = [
        "crook-lying-breathing",
        "pelvic-tilt",
        "knee-to-chest",
        "double-knee-to-chest",
        "lower-trunk-rotation",
        "cat-camel",
        "childs-pose",
        "prone-lying",
        "prone-on-elbows",
        "prone-press-up",
        "standing-extension",
        "hamstring-stretch",
        "hip-flexor-stretch",
        "piriformis-stretch",
        "long-sit-forward-reach",
        "chest-stretch",
        "thoracic-extension-chair",
        "open-book-rotation",
        "scapular-retraction",
        "band-row",
        "wall-angels",
        "mcgill-curl-up",
        "side-bridge-knees",
        "side-bridge",
        "quadruped-arm-reach",
        "bird-dog",
        "glute-bridge",
        "bridge-march",
        "single-leg-bridge",
        "dead-bug-heel-taps",
        "dead-bug",
        "sit-to-stand",
        "hip-hinge",
        "clamshell",
        "walking",
        "stationary-cycling",
        "water-walking",
        "wall-pelvic-tilt",
        "seated-pelvic-rocking",
        "side-lying-rest",
    ];

    #[test]
    fn figure_files_parse() {
        let figs = parse_all().unwrap();
        assert!(!figs.is_empty());
        for f in &figs {
            assert!(
                IDS.contains(&f.id.as_str()),
                "{}: no such exercise id",
                f.id
            );
        }
    }

    #[test]
    fn figure_for_every_exercise_id() {
        for id in IDS {
            assert!(figure(id).is_some(), "no figure for {id}");
        }
        assert_eq!(all().len(), IDS.len());
    }

    #[test]
    fn figure_alt_texts_are_bilingual() {
        for f in all() {
            assert!(f.alt.en.trim().len() > 20, "{}: English alt text", f.id);
            assert!(f.alt.es.trim().len() > 20, "{}: Spanish alt text", f.id);
            assert_ne!(f.alt.en, f.alt.es, "{}", f.id);
        }
    }

    #[test]
    fn figure_svgs_are_xml_with_viewbox_and_title() {
        for f in all() {
            for lang in Lang::ALL {
                let text = svg(f, lang);
                let doc = roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{} {lang:?}: {e}", f.id));
                let root = doc.root_element();
                assert_eq!(root.tag_name().name(), "svg");
                assert_eq!(root.attribute("role"), Some("img"));
                let vb: Vec<f64> = root
                    .attribute("viewBox")
                    .unwrap()
                    .split(' ')
                    .map(|n| n.parse().unwrap())
                    .collect();
                assert_eq!(vb.len(), 4);
                let title = root.first_element_child().unwrap();
                assert_eq!(title.tag_name().name(), "title");
                assert_eq!(title.text(), Some(alt(f, lang).as_str()));
                assert!(title.text().unwrap().starts_with(f.alt.get(lang)));
                assert!(!text.contains("href") && !text.contains("url("), "{}", f.id);
            }
        }
    }

    /// An exercise done on each side shows it: a third panel, the end position seen from the
    /// other side (the figure mirrored), with a badge "3", an arrow to it and words for it in
    /// both languages; the others keep two panels and their own words.
    #[test]
    fn figures_of_exercises_done_on_each_side_show_the_other_side() {
        let each_side: Vec<&str> = crate::exercises::library()
            .iter()
            .filter(|e| e.dose.each_side)
            .map(|e| e.id.as_str())
            .collect();
        assert!(each_side.len() >= 10, "{each_side:?}");
        for f in all() {
            let d = geometry(f);
            let arrows = d
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Arrow { width, .. } if *width == 3.0))
                .count();
            let other = alt(f, Lang::Es).contains("del otro lado");
            if each_side.contains(&f.id.as_str()) {
                assert!(f.both_sides, "{}", f.id);
                assert_eq!((d.steps.len(), arrows), (3, 2), "{}", f.id);
                assert!(d.width > 3.0 * PANEL_W, "{}", f.id);
                assert!(alt(f, Lang::En).ends_with("on the other side.") && other);
                // The third body is the second one mirrored about its panel's centre line.
                let end = Scene::new(f).bodies[1].map(|q| pt(-q.x, q.y));
                let seen = Scene::new(&Figure {
                    mirror: !f.mirror,
                    ..f.clone()
                })
                .bodies[1];
                for (a, b) in end.extent().iter().zip(seen.extent()) {
                    assert!((a.0 - b.0).len() < 1e-9, "{}: {a:?} {b:?}", f.id);
                }
            } else {
                assert!(!f.both_sides, "{}", f.id);
                assert_eq!((d.steps.len(), arrows), (2, 1), "{}", f.id);
                assert_eq!(alt(f, Lang::En), f.alt.en);
                assert!(!other);
            }
        }
    }

    fn ink(shape: &Shape) -> Vec<(Point, f64)> {
        match shape {
            Shape::Line {
                from, to, width, ..
            } => vec![(*from, width / 2.0), (*to, width / 2.0)],
            Shape::Circle { center, r, .. } => vec![(*center, *r)],
            Shape::Polyline { points, width, .. } => {
                points.iter().map(|q| (*q, width / 2.0)).collect()
            }
            Shape::Rect { min, max, .. } => vec![(*min, 0.0), (*max, 0.0)],
            Shape::Arrow {
                shaft, head, width, ..
            } => shaft
                .iter()
                .map(|q| (*q, width / 2.0))
                .chain(head.iter().map(|q| (*q, 0.0)))
                .collect(),
        }
    }

    #[test]
    fn figure_geometry_stays_in_bounds() {
        for f in all() {
            let d = geometry(f);
            for s in &d.shapes {
                for (q, r) in ink(s) {
                    assert!(
                        q.x - r >= 0.0
                            && q.y - r >= 0.0
                            && q.x + r <= d.width
                            && q.y + r <= d.height,
                        "{}: {s:?} leaves the drawing",
                        f.id
                    );
                }
            }
            // Each body stays inside its own panel, below the badges, on or above the floor.
            let scene = Scene::new(f);
            let other = Scene::new(&Figure {
                mirror: !f.mirror,
                ..f.clone()
            });
            let third = f.both_sides.then_some((&other, &other.bodies[1]));
            let panels = scene.bodies.iter().map(|b| (&scene, b)).chain(third);
            for (i, (scene, b)) in panels.enumerate() {
                let left = i as f64 * (PANEL_W + GAP);
                for (q, r) in b.map(|q| scene.to_panel(i, q)).extent() {
                    assert!(
                        q.x - r >= left + 2.0 && q.x + r <= left + PANEL_W - 2.0,
                        "{} panel {}: body leaves the panel sideways at {q:?}",
                        f.id,
                        i + 1
                    );
                    assert!(
                        q.y - r >= HEADER + 2.0 && q.y + r <= FLOOR_Y + 0.01,
                        "{} panel {}: body leaves the panel at {q:?}",
                        f.id,
                        i + 1
                    );
                }
            }
        }
    }

    #[test]
    fn figure_limb_lengths_are_preserved() {
        let lengths = |b: &Body| {
            let mut v = vec![
                (b.mid - b.hip).len(),
                (b.neck - b.mid).len(),
                (b.head - b.neck).len(),
            ];
            for a in b.arms {
                v.extend([(a[1] - a[0]).len(), (a[2] - a[1]).len()]);
            }
            for l in b.legs {
                v.extend([
                    (l[1] - l[0]).len(),
                    (l[2] - l[1]).len(),
                    (l[4] - l[3]).len(),
                ]);
            }
            v
        };
        let want = lengths(&Body::flat(&all()[0].start, View::Side));
        assert_eq!(
            want[..6],
            [
                TRUNK_LO,
                TRUNK_HI,
                NECK + HEAD_R,
                UPPER_ARM,
                FOREARM,
                UPPER_ARM
            ]
            .map(|x| x)[..],
        );
        for f in all() {
            for pose in [&f.start, &f.end] {
                let flat = lengths(&Body::flat(pose, f.view));
                for (a, b) in flat.iter().zip(&want) {
                    assert!((a - b).abs() < 1e-9, "{}: a segment changed length", f.id);
                }
                // Rolling a leg out of the picture can only shorten it as seen.
                for (a, b) in lengths(&Body::new(pose, f.view)).iter().zip(&want) {
                    assert!(*a <= b + 1e-9, "{}: a segment grew", f.id);
                }
            }
        }
    }

    #[test]
    fn figure_start_and_end_differ() {
        for f in all() {
            assert_ne!(f.start, f.end, "{}: nothing moves", f.id);
        }
    }

    /// `BACKCARE_FIGURES_OUT=dir cargo test -p backcare-content figure` writes every figure
    /// as SVG there, for looking at.
    #[test]
    fn figure_write_svgs_for_review() {
        let Ok(dir) = std::env::var("BACKCARE_FIGURES_OUT") else {
            return;
        };
        std::fs::create_dir_all(&dir).unwrap();
        for f in all() {
            for lang in Lang::ALL {
                let path = format!("{dir}/{}.{}.svg", f.id, lang.code());
                std::fs::write(path, svg(f, lang)).unwrap();
            }
        }
    }
}
