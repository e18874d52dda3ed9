// Images between the engine (RGB/RGBA bytes) and Qt: one copy each way.
#pragma once
#include <QImage>

#include "io/image.h"

namespace atelier {

QImage toQImage(const Image& image);       // RGB or RGBA, deep copy
Image toEngineImage(const QImage& image);  // any format -> RGB8

}  // namespace atelier
