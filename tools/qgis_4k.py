#!/usr/bin/python3
"""The peer of `gd-atlas export --preset 4k --layers cities,counties --out x.png` in QGIS: the
same boundary files (cities filled, counties outlined), rendered headless to a 3840×2160 PNG
of the province's extent. Used for the side-by-side timings in BENCHMARKS.md (whole process,
as for our binary):

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_4k.py ../shared/geo/boundaries out.png

Needs Debian's python3-qgis (QGIS 3.22). QGIS draws no labels, legend, scale bar or basemap
here, which our figure has: the comparison favours QGIS.
"""

import os
import sys

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle,
                       QgsVectorLayer, QgsCoordinateReferenceSystem, QgsFillSymbol)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


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
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    if not job.renderedImage().save(out, "PNG"):
        sys.exit(f"cannot write {out}")
    # exitQgis() with layers still alive crashes PyQGIS 3.22 at exit: end the process here.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
