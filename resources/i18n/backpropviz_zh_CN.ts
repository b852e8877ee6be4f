<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BuilderPanel</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>+ Add hidden layer</source>
        <translation>+ 添加隐藏层</translation>
    </message>
    <message>
        <source>New weights</source>
        <translation>新权重</translation>
    </message>
    <message>
        <source>draw fresh weights with the next seed (R resets with this seed)</source>
        <translation>用下一个种子重新抽取权重（R 用当前种子重置）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>DataDialog</name>
    <message>
        <source>the column to predict; the others become the features</source>
        <translation>要预测的列；其余列作为特征</translation>
    </message>
    <message>
        <source>auto: text, yes/no and few whole-number targets are classes, anything else is regression</source>
        <translation>auto：文本、是/否和取值很少的整数目标视为类别，其余视为回归</translation>
    </message>
    <message>
        <source>scale every feature to mean 0 and standard deviation 1 with the training part&apos;s statistics (a saved model carries them)</source>
        <translation>用训练集的统计量把每个特征缩放为均值 0、标准差 1（保存的模型会带上它们）</translation>
    </message>
    <message>
        <source>the share of rows held out as the test set (stratified by class, seeded)</source>
        <translation>留作测试集的行所占比例（按类别分层，固定种子）</translation>
    </message>
    <message>
        <source>The target is the array y.</source>
        <translation>目标是数组 y。</translation>
    </message>
    <message>
        <source>Guessed from its name: &apos;{column}&apos;. Choose another column above if that is wrong.</source>
        <translation>根据列名猜测：&apos;{column}&apos;。如果不对，请在上面选择另一列。</translation>
    </message>
    <message>
        <source>Guessed: &apos;{column}&apos;, the only text column. Choose another column above if that is wrong.</source>
        <translation>猜测：&apos;{column}&apos;，唯一的文本列。如果不对，请在上面选择另一列。</translation>
    </message>
    <message>
        <source>Guessed: &apos;{column}&apos;, the last column. Choose another column above if that is wrong.</source>
        <translation>猜测：&apos;{column}&apos;，最后一列。如果不对，请在上面选择另一列。</translation>
    </message>
</context>
<context>
    <name>DatasetPicker</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>standard deviation of the Gaussian noise added to a generated set (applied on Enter or when you leave the field)</source>
        <translation>加到生成数据集上的高斯噪声的标准差（按 Enter 或离开输入框时生效）</translation>
    </message>
    <message>
        <source>number of points of a generated set, train and test together (applied on Enter or when you leave the field)</source>
        <translation>生成数据集的点数，训练集和测试集合计（按 Enter 或离开输入框时生效）</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>open a CSV, TSV, .npy or .npz file (Ctrl+O), or type builtin:NAME in the file dialog</source>
        <translation>打开 CSV、TSV、.npy 或 .npz 文件（Ctrl+O），或在文件对话框中输入 builtin:名称</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>files and data sets opened before</source>
        <translation>以前打开过的文件和数据集</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>&amp;PyTorch script…</source>
        <extracomment>the pictures File &gt; Export offers besides the whole window: (key, menu text)</extracomment>
        <translation>&amp;PyTorch 脚本…</translation>
    </message>
    <message>
        <source>Export PyTorch script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>The script trains this network from its current weights, with this data, optimiser, batch size and seed, for how many epochs?</source>
        <translation>脚本从当前权重出发，用同样的数据、优化器、批量大小和随机种子训练这个网络。训练多少轮（epoch）？</translation>
    </message>
    <message>
        <source>the backpropviz window</source>
        <translation>backpropviz 窗口</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;Recent files</source>
        <translation>最近的文件(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Built-in data</source>
        <translation>内置数据(&amp;B)</translation>
    </message>
    <message>
        <source>Open data (or type builtin:NAME)</source>
        <translation>打开数据（或输入 builtin:名称）</translation>
    </message>
    <message>
        <source>File or builtin:NAME</source>
        <translation>文件或 builtin:名称</translation>
    </message>
    <message>
        <source>Cannot open the data set</source>
        <translation>无法打开数据集</translation>
    </message>
</context>
<context>
    <name>LayerRow</name>
    <message>
        <source>Hidden {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>neurons in this hidden layer</source>
        <translation>本隐藏层的神经元个数</translation>
    </message>
    <message>
        <source>remove this layer</source>
        <translation>删除这一层</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Compiling the kernels in the background (first start only)…</source>
        <translation>正在后台编译计算内核（仅首次启动）…</translation>
    </message>
    <message>
        <source>Ready ({seconds} s to prepare the kernels). Press → to step forward.</source>
        <translation>就绪（准备计算内核用时 {seconds} 秒）。按 → 向前走一步。</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Neuron maps</source>
        <translation>神经元图</translation>
    </message>
    <message>
        <source>while training 2-D data, each neuron shows its output over the input plane (hidden again when the weights change otherwise)</source>
        <translation>训练二维数据时，每个神经元显示它在输入平面上的输出（权重以其他方式改变时再次隐藏）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next phase</source>
        <translation>下一阶段(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous phase</source>
        <translation>上一阶段(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Random sample</source>
        <translation>随机样本(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Train / pause</source>
        <translation>训练 / 暂停(&amp;T)</translation>
    </message>
    <message>
        <source>One &amp;minibatch</source>
        <translation>一个小批量(&amp;M)</translation>
    </message>
    <message>
        <source>One &amp;epoch</source>
        <translation>一轮(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Reset the weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Undone: {what}  (Ctrl+Shift+Z redoes it)</source>
        <translation>已撤销：{what}（Ctrl+Shift+Z 重做）</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销{what}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做{what}(&amp;R)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>   test loss {loss}</source>
        <translation>   测试损失 {loss}</translation>
    </message>
    <message>
        <source>training: epoch {epoch}   step {step}   train loss {loss}</source>
        <translation>训练中：第 {epoch} 轮   第 {step} 步   训练损失 {loss}</translation>
    </message>
    <message>
        <source>   {speed} samples/s</source>
        <translation>   {speed} 样本/秒</translation>
    </message>
    <message>
        <source>   loss {loss}</source>
        <translation>   损失 {loss}</translation>
    </message>
    <message>
        <source>sample {index}   phase: {phase}</source>
        <translation>样本 {index}   阶段：{phase}</translation>
    </message>
</context>
<context>
    <name>PhaseStrip</name>
    <message>
        <source>the sample enters</source>
        <translation>样本进入网络</translation>
    </message>
    <message>
        <source>compare the output with the target</source>
        <translation>将输出与目标比较</translation>
    </message>
    <message>
        <source>every weight moves against its gradient</source>
        <translation>每个权重沿梯度的反方向移动</translation>
    </message>
    <message>
        <source>forward pass through layer {layer}</source>
        <translation>第 {layer} 层的前向传播</translation>
    </message>
    <message>
        <source>backward pass through layer {layer}</source>
        <translation>第 {layer} 层的反向传播</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <source>Step one sample</source>
        <translation>单样本逐步计算</translation>
    </message>
    <message>
        <source>index of the training sample to step through (or click a point in the data plot)</source>
        <translation>要逐步计算的训练样本序号（或在数据图中点击一个点）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>pick a random training sample</source>
        <translation>随机选一个训练样本</translation>
    </message>
    <message>
        <source>η, the learning rate of the update step</source>
        <translation>η，更新这一步的学习率</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>previous phase (Left)</source>
        <translation>上一阶段（←）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>前进 ▶</translation>
    </message>
    <message>
        <source>next phase (Right)</source>
        <translation>下一阶段（→）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Step η</source>
        <translation>单步 η</translation>
    </message>
    <message>
        <source>Preparing the kernels…</source>
        <translation>正在准备计算内核…</translation>
    </message>
    <message>
        <source>The sample is at the input. Press Next (→) to compute layer 1.</source>
        <translation>样本位于输入层。按“前进”（→）计算第 1 层。</translation>
    </message>
    <message>
        <source>Forward: layer {layer} computed z = W·a + b and a = f(z).</source>
        <translation>前向传播：第 {layer} 层已算出 z = W·a + b 和 a = f(z)。</translation>
    </message>
    <message>
        <source>Loss L = {loss}. Next: the error flows back from the output.</source>
        <translation>损失 L = {loss}。下一步：误差从输出层向后传播。</translation>
    </message>
    <message>
        <source>Backward: layer {layer} has its δ and its gradients ∂L/∂W, ∂L/∂b.</source>
        <translation>反向传播：第 {layer} 层已有它的 δ 和梯度 ∂L/∂W、∂L/∂b。</translation>
    </message>
    <message>
        <source>Every weight moved by −η·∂L/∂w. Next starts a new cycle with the new weights.</source>
        <translation>每个权重移动了 −η·∂L/∂w。下一步用新权重开始新的一轮。</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>train until paused (Space)</source>
        <translation>一直训练直到暂停（空格）</translation>
    </message>
    <message>
        <source>1 batch</source>
        <translation>1 个批量</translation>
    </message>
    <message>
        <source>one minibatch step (S)</source>
        <translation>一个小批量的一步（S）</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <source>finish the current epoch (E)</source>
        <translation>完成当前这一轮（E）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>fresh weights from the seed, fresh history (R)</source>
        <translation>由种子重新生成权重，清空历史（R）</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>Train biases</source>
        <translation>训练偏置</translation>
    </message>
    <message>
        <source>off: updates (a step&apos;s and training&apos;s) move only the weights and every bias keeps its value, as in Mazur&apos;s worked example</source>
        <translation>关闭时：更新（单步的和训练的）只移动权重，每个偏置保持不变，与 Mazur 的示例相同</translation>
    </message>
    <message>
        <source>L2 weight decay on the weights (0: off)</source>
        <translation>权重的 L2 衰减（0：关闭）</translation>
    </message>
    <message>
        <source>clip the gradient to this global norm (0: off)</source>
        <translation>把梯度裁剪到这个全局范数（0：关闭）</translation>
    </message>
    <message>
        <source>share of the data held out for testing (re-splits the data; the network is rebuilt)</source>
        <translation>留作测试集的数据比例（重新划分数据；网络随之重建）</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Clip norm</source>
        <translation>裁剪范数</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>▶ Train</source>
        <translation>▶ 训练</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>train loss {loss}</source>
        <translation>训练损失 {loss}</translation>
    </message>
    <message>
        <source>test loss {loss}</source>
        <translation>测试损失 {loss}</translation>
    </message>
    <message>
        <source>{speed} samples/s</source>
        <translation>{speed} 样本/秒</translation>
    </message>
</context>
<context>
    <name>builtin</name>
    <message>
        <source>2-D classification: a disc inside a ring</source>
        <extracomment>the built-ins&apos; descriptions as the window shows them (translated in the &quot;builtin&quot; context)</extracomment>
        <translation>二维分类：圆环中的圆盘</translation>
    </message>
    <message>
        <source>2-D classification: four quadrants, opposite corners alike</source>
        <translation>二维分类：四个象限，对角同类</translation>
    </message>
    <message>
        <source>2-D classification: two Gaussian blobs</source>
        <translation>二维分类：两团高斯分布的点</translation>
    </message>
    <message>
        <source>2-D classification: two interleaved spirals</source>
        <translation>二维分类：两条交错的螺旋</translation>
    </message>
    <message>
        <source>2-D classification: two interleaving half-moons</source>
        <translation>二维分类：两个交错的半月</translation>
    </message>
    <message>
        <source>regression: y = 1.5 x1 - 0.75 x2 + noise, 2 inputs</source>
        <translation>回归：y = 1.5 x1 - 0.75 x2 + 噪声，2 个输入</translation>
    </message>
    <message>
        <source>regression: y = sin(x) + noise, x in [-pi, pi], 1 input</source>
        <translation>回归：y = sin(x) + 噪声，x 属于 [-pi, pi]，1 个输入</translation>
    </message>
    <message>
        <source>iris flowers: 150 x 4 measurements in cm, 3 species</source>
        <translation>鸢尾花：150 x 4 个以厘米计的测量值，3 个品种</translation>
    </message>
    <message>
        <source>handwritten digits: 1797 8x8 images, pixels 0..16, 10 classes</source>
        <translation>手写数字：1797 张 8x8 图像，像素 0..16，10 个类别</translation>
    </message>
</context>
<context>
    <name>choices</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>mse</source>
        <translation>mse（均方误差）</translation>
    </message>
    <message>
        <source>half_sse</source>
        <translation>half_sse（½ 误差平方和）</translation>
    </message>
    <message>
        <source>bce</source>
        <translation>bce（二元交叉熵）</translation>
    </message>
    <message>
        <source>cross_entropy</source>
        <translation>cross_entropy（交叉熵）</translation>
    </message>
    <message>
        <source>xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>he</source>
        <translation>He</translation>
    </message>
    <message>
        <source>leaky_relu</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
</context>
<context>
    <name>phase</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>new weights</source>
        <translation>新权重</translation>
    </message>
    <message>
        <source>network change</source>
        <translation>网络结构更改</translation>
    </message>
    <message>
        <source>open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>reset the weights</source>
        <extracomment>Training runs below the window&apos;s priority (its worker and the BLAS threads, as many as the BLAS library starts: one a core): the window gets a core the moment it has something to draw, and training takes all the rest. Measured on 2 cores, 784-128-10, all views live: two BLAS threads at nice 10 gave 105-119k samples/s with event-loop stalls of 20-45 ms; at equal priority ~100k and 30-50 ms; one BLAS thread (what the window used before) ~90k.</extracomment>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>edit a bias</source>
        <translation>编辑偏置</translation>
    </message>
    <message>
        <source>edit a weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>data change</source>
        <translation>更换数据</translation>
    </message>
</context>
</TS>
