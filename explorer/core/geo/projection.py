"""The Lambert conformal conic projection, on the WGS 84 ellipsoid, in numpy.

A conic projection suits a region that stretches east–west in the middle
latitudes: shapes stay true (it is conformal) and scale is exact on two
standard parallels and close to it between them. Plate carrée would squash
Ukraine sideways by a third. Formulas from J. P. Snyder, *Map Projections — A
Working Manual* (USGS Professional Paper 1395, 1987), pp. 104–110; the tests
check them against Snyder's worked example and the EPSG guidance note's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike


@dataclass(frozen=True)
class Ellipsoid:
    """Semi-major axis *a* in metres and first eccentricity squared *e2*."""

    a: float
    e2: float

    @property
    def e(self) -> float:
        return math.sqrt(self.e2)


WGS84 = Ellipsoid(6378137.0, 0.00669437999014)
CLARKE_1866 = Ellipsoid(6378206.4, 0.006768658)


@dataclass(frozen=True)
class LambertConformalConic:
    """Lambert conformal conic with two standard parallels (EPSG method 9802).

    Angles are in degrees, coordinates in metres east and north of the false
    origin at (*lat0*, *lon0*).
    """

    lat1: float
    lat2: float
    lat0: float
    lon0: float
    ellipsoid: Ellipsoid = WGS84
    false_easting: float = 0.0
    false_northing: float = 0.0
    _n: float = field(init=False, repr=False)
    _af: float = field(init=False, repr=False)
    _rho0: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        e = self.ellipsoid.e
        p1, p2, p0 = (math.radians(v) for v in (self.lat1, self.lat2, self.lat0))
        m1, m2 = _m(p1, e), _m(p2, e)
        t1, t2, t0 = _t(p1, e), _t(p2, e), _t(p0, e)
        if math.isclose(self.lat1, self.lat2):
            n = math.sin(p1)
        else:
            n = (math.log(m1) - math.log(m2)) / (math.log(t1) - math.log(t2))
        af = self.ellipsoid.a * m1 / (n * t1**n)
        object.__setattr__(self, "_n", n)
        object.__setattr__(self, "_af", af)
        object.__setattr__(self, "_rho0", af * t0**n)

    @property
    def n(self) -> float:
        """The cone constant: how much a meridian turns per degree of longitude."""
        return self._n

    def forward(self, lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Project degrees of longitude and latitude to metres (x east, y north)."""
        lam = np.radians(np.asarray(lon, dtype=np.float64))
        phi = np.radians(np.asarray(lat, dtype=np.float64))
        e = self.ellipsoid.e
        esin = e * np.sin(phi)
        t = np.tan(np.pi / 4 - phi / 2) / ((1 - esin) / (1 + esin)) ** (e / 2)
        rho = self._af * t**self._n
        theta = self._n * _wrap(lam - math.radians(self.lon0))
        x = self.false_easting + rho * np.sin(theta)
        y = self.false_northing + self._rho0 - rho * np.cos(theta)
        return x, y

    def inverse(self, x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Metres back to degrees of longitude and latitude."""
        dx = np.asarray(x, dtype=np.float64) - self.false_easting
        dy = self._rho0 - (np.asarray(y, dtype=np.float64) - self.false_northing)
        sign = 1.0 if self._n > 0 else -1.0
        rho = sign * np.hypot(dx, dy)
        theta = np.arctan2(sign * dx, sign * dy)
        t = (rho / self._af) ** (1 / self._n)
        e = self.ellipsoid.e
        phi = np.pi / 2 - 2 * np.arctan(t)
        for _ in range(15):  # converges to 1e-12 rad within a handful of steps
            esin = e * np.sin(phi)
            phi = np.pi / 2 - 2 * np.arctan(t * ((1 - esin) / (1 + esin)) ** (e / 2))
        lon = np.degrees(theta / self._n) + self.lon0
        return lon, np.degrees(phi)

    def scale_factor(self, lat: ArrayLike) -> FloatArray:
        """Map distance over true distance at latitude *lat* (1 on the standard parallels)."""
        phi = np.radians(np.asarray(lat, dtype=np.float64))
        e = self.ellipsoid.e
        esin = e * np.sin(phi)
        t = np.tan(np.pi / 4 - phi / 2) / ((1 - esin) / (1 + esin)) ** (e / 2)
        m = np.cos(phi) / np.sqrt(1 - esin**2)
        rho = self._af * t**self._n
        result: FloatArray = rho * self._n / (self.ellipsoid.a * m)
        return result


def _m(phi: float, e: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (e * math.sin(phi)) ** 2)


def _t(phi: float, e: float) -> float:
    esin = e * math.sin(phi)
    ratio: float = ((1 - esin) / (1 + esin)) ** (e / 2)
    return math.tan(math.pi / 4 - phi / 2) / ratio


def _wrap(lam: FloatArray) -> FloatArray:
    """Longitude differences into [-π, π), so 179°E and 179°W are neighbours."""
    wrapped: FloatArray = (lam + np.pi) % (2 * np.pi) - np.pi
    return wrapped


# Kroniek's map: true scale on 44.5°N and 52.5°N, Ukraine's southern and
# northern edges, with the central meridian through the middle of the country.
REGION = LambertConformalConic(lat1=44.5, lat2=52.5, lat0=48.5, lon0=31.5)
