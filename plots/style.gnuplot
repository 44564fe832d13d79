# Shared by every plots/*.gp (the Makefile loads it first): the terminals and the error bars.
# The report scales a 15 cm wide figure to 0.85 of its 17 cm text width (14.45 cm), and
# fontscale 0.75 makes pdfcairo's font size the printed size, so figure text prints at about
# 8.7 pt DejaVu Sans, whose x-height matches the body's 10 pt Times.
if (!exists("z")) z = 6
# error bars are +-z SE; the legend says so
bars = sprintf('bars: ± %g SE', z)
pdfterm(h) = sprintf("set terminal pdfcairo enhanced size 15cm,%gcm font 'Sans,9' fontscale 0.75", h)
pngterm(h) = sprintf("set terminal pngcairo enhanced size 1000,%d font 'Sans,11'", int(h * 1000 / 15))
set encoding utf8
# a legend below the axes sits right under the x label: lift the label a little
set xlabel offset 0,0
