//! A canvas that records what it is asked to draw, for tests: the list of primitives a scene or
//! a piece of furniture produces, to compare with what another canvas wrote.

use super::canvas::{Canvas, FillTag, HAlign, Polylines, TextMeasure, TextRun};
use crate::scene::style::{Color, LineStyle};

/// One drawing call, with everything the call carried.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    Fill {
        shape: Polylines,
        color: Color,
        class: Option<String>,
        code: Option<String>,
    },
    Stroke {
        shape: Polylines,
        style: LineStyle,
    },
    Text {
        text: String,
        pos_screen: [f32; 2],
        size: f32,
        align: HAlign,
        color: Color,
        halo: Option<(Color, f32)>,
    },
    BeginGroup(String),
    EndGroup,
    /// `Canvas::clip_to` and `Canvas::end_clip`.
    Clip([f32; 4]),
    EndClip,
}

#[derive(Clone, Debug, Default)]
pub struct RecordingCanvas {
    pub primitives: Vec<Primitive>,
}

impl Canvas for RecordingCanvas {
    fn fill(&mut self, shape: &Polylines, color: Color, tag: Option<FillTag>) {
        self.primitives.push(Primitive::Fill {
            shape: shape.clone(),
            color,
            class: tag.map(|t| t.class.to_string()),
            code: tag.and_then(|t| t.code).map(str::to_string),
        });
    }

    fn stroke(&mut self, shape: &Polylines, style: &LineStyle) {
        self.primitives.push(Primitive::Stroke { shape: shape.clone(), style: *style });
    }

    fn text(&mut self, run: &TextRun) {
        self.primitives.push(Primitive::Text {
            text: run.text.to_string(),
            pos_screen: run.pos_screen,
            size: run.size,
            align: run.align,
            color: run.color,
            halo: run.halo,
        });
    }

    fn begin_group(&mut self, id: &str) {
        self.primitives.push(Primitive::BeginGroup(id.to_string()));
    }

    fn end_group(&mut self) {
        self.primitives.push(Primitive::EndGroup);
    }

    fn clip_to(&mut self, rect_screen: [f32; 4]) {
        self.primitives.push(Primitive::Clip(rect_screen));
    }

    fn end_clip(&mut self) {
        self.primitives.push(Primitive::EndClip);
    }
}

/// A measure for layout tests that need no font: every character is `em` wide, lines are
/// `1.25 em` high.
#[derive(Clone, Copy, Debug)]
pub struct FixedAdvance {
    pub em: f32,
}

impl TextMeasure for FixedAdvance {
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().count() as f32 * self.em * size
    }

    fn line_height(&self, size: f32) -> f32 {
        1.25 * size
    }
}
