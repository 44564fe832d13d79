# bn_bias: bias of the mini-batch gradient through BatchNorm against batch size.
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/bn_bias'" plots/bn_bias.gp
# Writes out.'.pdf' and out.'.png'. gamma = lambda = 1, so the bias is in units of
# lambda gamma^3. Every number comes from `batchcheck sweep`, read once into datablocks.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/bn_bias'

# gamma comes first so the sweep prints one block (it splits blocks on the first axis).
ms = '2,3,4,5,6,8,10,12,16,24,32,48,64,96,128'
dense = '2,3,4,5,6,7,8,9,10,11,12,14,16,18,20,23,26,30,34,39,45,52,60,69,79,91,104,116,128'
sweep = bc.' sweep bn_bias gamma=1 lambda=1 m='
N = 40000
n = sprintf(' --samples %d --threads 2', N)

set table $theory
plot '< '.sweep.dense using 1:4:6 with table
set table $gauss
plot '< '.sweep.ms.n using 1:7:8:9:10 with table
set table $unbiased
plot '< '.sweep.ms.' var=unbiased'.n using 1:7:8:9:10 with table
unset table

# Outside the model: inputs that are not Gaussian, at m = 8 and 32, against their kurtosis
# kappa = E[e^4] (uniform 9/5, Gaussian 3, Laplace 6, exponential 9; bc_law.h). The sweep
# prints no law column: rows come in the order of the lists, m first.
array kap[4] = [1.8, 3, 6, 9]
set table $laws
plot '< '.sweep.'8,32 law=uniform,gauss,laplace,exp'.n using (kap[int($0) % 4 + 1]):1:7:8 with table
unset table
lawsel(mm, v) = ($2 == mm ? v : NaN)

# The same derivation with the 1/(m-1) batch variance (theory/bn_bias.c), for the reader;
# the harness's outside point unbiased_var checks the seed's formula fails there.
unb(m) = -3. * (4*m*m - 3*m + 1) / (m*m*(m+1))
unbc(m) = -3. * (2*m - 1) / (m*m)  # what c(m) leaves of it

set logscale x 2
set xrange [1.8:140]
set yrange [-3.2:0.4]
set xlabel 'batch size m'."\n"
set ylabel 'E[g_{mb}] - dL_{pop}/d{/Symbol g}   (units of {/Symbol l g}^3)'
set title 'BatchNorm scale gradient: mini-batch bias, Gaussian inputs, loss ({/Symbol l}/4)({/Symbol g} r)^4'
set encoding utf8
# the legend below the axes, where it hides nothing; markers of series at the same m are
# set apart by a few percent in m (log axis) so none hides another
set key below box maxrows 4 title sprintf('simulated: %d batches per point, %s', N, bars)
set grid
set xtics (2, 4, 8, 16, 32, 64, 128)

do for [t in 'pdfcairo pngcairo'] {
    if (t eq 'pdfcairo') { eval pdfterm(22); set output out.'.pdf' }
    else { eval pngterm(22); set output out.'.png' }
    set multiplot layout 2,1
    set xlabel 'batch size m'."\n"
    set title 'BatchNorm scale gradient: mini-batch bias, Gaussian inputs, loss ({/Symbol l}/4)({/Symbol g} r)^4'
    set key below box maxrows 4 title sprintf('simulated: %d batches per point, %s', N, bars)
    plot 0 with lines lt 0 lw 1 notitle, \
         $theory using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'seed: -6/(m+1)', \
         $gauss using ($1*0.95):2:($3*z) with yerrorbars pt 7 ps 0.5 lc rgb '#1f77b4' \
             title 'simulated, 1/m variance', \
         $gauss using ($1*1.05):4:($5*z) with yerrorbars pt 4 ps 0.5 lc rgb '#2ca02c' \
             title 'simulated c(m) g_{mb}, c = (m+1)/(m-1)', \
         [2:128] unb(x) with lines dt 2 lw 2 lc rgb '#d62728' \
             title 'derived, 1/(m-1) variance: -3(4m^2-3m+1)/(m^2(m+1))', \
         $unbiased using ($1*0.95):2:($3*z) with yerrorbars pt 9 ps 0.6 lc rgb '#d62728' \
             title 'simulated, 1/(m-1) variance', \
         [2:128] unbc(x) with lines dt 3 lw 2 lc rgb '#ff7f0e' \
             title 'derived, c(m) g_{mb} with 1/(m-1) variance: -3(2m-1)/m^2', \
         $unbiased using ($1*1.05):4:($5*z) with yerrorbars pt 10 ps 0.6 lc rgb '#ff7f0e' \
             title 'simulated c(m) g_{mb}, 1/(m-1) variance'
    unset logscale x
    set xrange [1:10]
    set yrange [-7:1]
    set xtics (1.8, 3, 6, 9)
    set xlabel 'input kurtosis {/Symbol k} = E[e^4]: uniform 1.8, Gaussian 3, Laplace 6, exponential 9'."\n"
    set title 'Outside the model: inputs that are not Gaussian'
    set key below box maxrows 2 title sprintf('simulated: %d batches per point, %s', N, bars)
    plot 0 with lines lt 0 lw 1 notitle, \
         -6. / 9 with lines lw 2 lc rgb '#1f77b4' title 'seed, m = 8: -6/(m+1)', \
         -6. / 33 with lines lw 2 dt 2 lc rgb '#9467bd' title 'seed, m = 32: -6/(m+1)', \
         $laws using 1:(lawsel(8, $3)):(lawsel(8, z*$4)) with yerrorbars pt 7 ps 0.6 lc rgb '#1f77b4' \
             title 'simulated, m = 8', \
         $laws using ($1*1.03):(lawsel(32, $3)):(lawsel(32, z*$4)) with yerrorbars pt 5 ps 0.6 lc rgb '#9467bd' \
             title 'simulated, m = 32', \
         $laws using 1:(lawsel(8, $3)) with lines lw 1 lc rgb '#1f77b4' notitle, \
         $laws using ($1*1.03):(lawsel(32, $3)) with lines lw 1 lc rgb '#9467bd' notitle
    unset multiplot
    set logscale x 2
    set xrange [1.8:140]
    set yrange [-3.2:0.4]
    set xtics (2, 4, 8, 16, 32, 64, 128)
    unset output
}
