#!/usr/bin/python3
"""The peer of `gd-atlas export --preset 4k --layers cities,counties --out x.png` in QGIS: the
same boundary files (cities filled, counties outlined), rendered headless to a 3840×2160 PNG
of the province's extent. Used for the side-by-side timings in BENCHMARKS.md (whole process,
as for our binary):

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_4k.py ../shared/geo/boundaries out.png

The extension picks the peer: `.png` as above (QGIS's parallel raster job); `.svg` the same map
as vectors at 3840×2160 (QSvgGenerator), the peer of `--preset 4k --out x.svg`; `.pdf` an A4
landscape page with 10 mm margins (QPdfWriter, vectors), the peer of `--out x.pdf`.

Needs Debian's python3-qgis (QGIS 3.22). QGIS draws no labels, legend, scale bar or basemap
here, which our figure has: the comparison favours QGIS.
"""

import os
import sys

from qgis.core import (QgsApplication, QgsMapRendererCustomPainterJob, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsRectangle, QgsVectorLayer, QgsCoordinateReferenceSystem,
                       QgsFillSymbol)
from qgis.PyQt.QtCore import QMarginsF, QRect, QSize
from qgis.PyQt.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter
from qgis.PyQt.QtSvg import QSvgGenerator


def main(boundaries, out):
    app = QgsApplication([], False)
    app.initQgis()
    counties = QgsVectorLayer(os.path.join(boundaries, "guangdong_counties.geojson"), "counties", "ogr")
    cities = QgsVectorLayer(os.path.join(boundaries, "guangdong_cities.geojson"), "cities", "ogr")
    for layer in (counties, cities):
        if not layer.isValid():
            sys.exit(f"cannot read {layer.source()}")
    cities.renderer().setSymbol(QgsFillSymbol.createSimple({"color": "240,220,200,255", "outline_color": "90,90,90,255", "outline_width": "0.5"}))
    counties.renderer().setSymbol(QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "150,150,150,255", "outline_width": "0.2"}))
    settings = QgsMapSettings()
    settings.setLayers([counties, cities])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setBackgroundColor(QColor(200, 220, 235))
    settings.setOutputSize(QSize(3840, 2160))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    extent = settings.layerToMapCoordinates(cities, cities.extent())
    settings.setExtent(QgsRectangle(extent))
    if out.endswith(".svg"):
        generator = QSvgGenerator()
        generator.setFileName(out)
        generator.setSize(QSize(3840, 2160))
        generator.setViewBox(QRect(0, 0, 3840, 2160))
        paint_vectors(settings, generator)
    elif out.endswith(".pdf"):
        writer = QPdfWriter(out)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Landscape, QMarginsF(10, 10, 10, 10), QPageLayout.Millimeter))
        writer.setResolution(300)
        page = writer.pageLayout().paintRectPixels(300)
        settings.setOutputSize(QSize(page.width(), page.height()))
        settings.setOutputDpi(300)
        settings.setExtent(QgsRectangle(extent))
        paint_vectors(settings, writer)
    else:
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        if not job.renderedImage().save(out, "PNG"):
            sys.exit(f"cannot write {out}")
    # exitQgis() with layers still alive crashes PyQGIS 3.22 at exit: end the process here.
    os._exit(0)


def paint_vectors(settings, device):
    """Renders the map as vectors onto a paint device (SVG generator, PDF writer)."""
    painter = QPainter(device)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.start()
    job.waitForFinished()
    painter.end()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
