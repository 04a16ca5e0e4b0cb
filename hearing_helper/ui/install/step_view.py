"""One guide step shown large: title, the words to read out, the picture and the QR code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hearing_helper.ui.install.shared import qr_side_px
from hearing_helper.ui.widgets.qr_view import QrView

PICTURE_HEIGHT = 220  # leaves the step's buttons on a 768-pixel screen


def render_picture(path: Path | None, height: int = PICTURE_HEIGHT) -> QPixmap:
    """The step picture (SVG or PNG) scaled to ``height``; a null pixmap when unreadable."""
    if path is None or not path.is_file():
        return QPixmap()
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            return QPixmap()
        size = renderer.defaultSize()
        width = round(height * size.width() / max(1, size.height()))
        pixmap = QPixmap(QSize(width, height))
        pixmap.fill(QColor("transparent"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, width, height))
        painter.end()
        return pixmap
    pixmap = QPixmap(str(path))
    if pixmap.isNull():
        return pixmap
    return pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


class StepView(QWidget):
    """Title, body, picture and (optional) QR code of the current step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = QLabel()
        self.counter.setObjectName("stepCounter")
        self.heading = QLabel()
        self.heading.setObjectName("stepTitle")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("stepBody")
        self.body.setWordWrap(True)
        body_font = self.body.font()
        body_font.setPointSizeF(body_font.pointSizeF() * 1.25)
        self.body.setFont(body_font)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(PICTURE_HEIGHT)
        self.qr = QrView(minimum=240)
        self.qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_link = QLabel()
        self.qr_link.setWordWrap(True)
        self.qr_link.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr_box = QWidget()
        qr_layout = QVBoxLayout(self.qr_box)
        qr_layout.setContentsMargins(0, 0, 0, 0)
        qr_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_layout.addWidget(self.qr_caption)
        qr_layout.addWidget(self.qr_link)
        visuals = QHBoxLayout()
        visuals.addWidget(self.picture, 1)
        visuals.addWidget(self.qr_box, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counter)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addLayout(visuals, 1)

    def show_step(
        self,
        counter: str,
        title: str,
        body: str,
        picture: Path | None,
        qr_payload: str,
        qr_caption: str,
    ) -> None:
        self.counter.setText(counter)
        self.heading.setText(title)
        self.body.setText(body)
        pixmap = render_picture(picture)
        self.picture.setPixmap(pixmap)
        self.picture.setVisible(not pixmap.isNull())
        side = qr_side_px(self)
        self.qr.setFixedSize(side, side)
        self.qr.set_payload(qr_payload)
        self.qr_caption.setText(qr_caption)
        self.qr_link.setText(qr_payload)
        self.qr_box.setVisible(bool(qr_payload))
        self.qr.setAccessibleName(qr_caption)
